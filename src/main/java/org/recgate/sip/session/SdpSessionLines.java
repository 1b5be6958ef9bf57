package org.recgate.sip.session;

/**
 * The session-level lines every SDP body of the project starts with (RFC 4566 §5: {@code v=},
 * {@code o=}, {@code s=}, {@code c=}, {@code t=}, in that order), for the gateway's offers and the
 * demo recorder's answers; the media sections follow.
 */
public final class SdpSessionLines {

    public static final String CRLF = "\r\n";

    private SdpSessionLines() {
    }

    /**
     * @param user      the {@code o=} user name ({@code -} when there is none, §5.2)
     * @param sessionId the {@code o=} session id, fixed for the session
     * @param version   the {@code o=} version, one more at every new offer or answer in the dialog
     * @param address   the media address of {@code o=} and {@code c=}: IPv6 when it has a colon
     * @param name      the {@code s=} session name
     * @return a builder holding those lines, for the media sections to be appended
     */
    public static StringBuilder start(String user, long sessionId, long version, String address, String name) {
        String addressType = address.contains(":") ? "IP6" : "IP4";
        return new StringBuilder()
                .append("v=0").append(CRLF)
                .append("o=").append(user).append(' ').append(sessionId).append(' ').append(version)
                .append(" IN ").append(addressType).append(' ').append(address).append(CRLF)
                .append("s=").append(name).append(CRLF)
                .append("c=IN ").append(addressType).append(' ').append(address).append(CRLF)
                .append("t=0 0").append(CRLF);
    }
}
