package org.recgate.sip.session;

/**
 * The SDP offer of a recording session (RFC 7866 §7.1.1, §8.4): one audio m-line per
 * {@link RecordedStream}, each with {@code a=label} and the session's direction. The media
 * source is the deployment's (address and ports from configuration); the gateway relays no RTP.
 */
public final class SdpOffer {

    private static final String CRLF = SdpSessionLines.CRLF;

    private SdpOffer() {
    }

    /**
     * @param sessionId the {@code o=} session id, fixed for the session
     * @param version   the {@code o=} version, one more at every new offer in the dialog
     */
    public static String render(String mediaAddress, int mediaPort, long sessionId, long version, MediaDirection direction) {
        StringBuilder sdp = SdpSessionLines.start("-", sessionId, version, mediaAddress, "RecGate recording");
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
