package org.recgate.sip.session;

/**
 * The SDP offer of a recording session (RFC 7866 §7.1.1, §8.4): one audio m-line per
 * {@link RecordedStream}, each with {@code a=label} and the session's direction. The media
 * source is the deployment's (address and ports from configuration); the gateway relays no RTP.
 */
public final class SdpOffer {

    private static final String CRLF = "\r\n";

    private SdpOffer() {
    }

    /**
     * @param sessionId the {@code o=} session id, fixed for the session
     * @param version   the {@code o=} version, one more at every new offer in the dialog
     */
    public static String render(String mediaAddress, int mediaPort, long sessionId, long version, MediaDirection direction) {
        String addressType = mediaAddress.contains(":") ? "IP6" : "IP4";
        StringBuilder sdp = new StringBuilder()
                .append("v=0").append(CRLF)
                .append("o=- ").append(sessionId).append(' ').append(version)
                .append(" IN ").append(addressType).append(' ').append(mediaAddress).append(CRLF)
                .append("s=RecGate recording").append(CRLF)
                .append("c=IN ").append(addressType).append(' ').append(mediaAddress).append(CRLF)
                .append("t=0 0").append(CRLF);
        int port = mediaPort;
        for (RecordedStream stream : RecordedStream.values()) {
            sdp.append("m=audio ").append(port).append(" RTP/AVP 0 8").append(CRLF)
                    .append("a=rtpmap:0 PCMU/8000").append(CRLF)
                    .append("a=rtpmap:8 PCMA/8000").append(CRLF)
                    .append("a=label:").append(stream.label()).append(CRLF)
                    .append(direction.sdpAttribute()).append(CRLF);
            port += 2;
        }
        return sdp.toString();
    }
}
