package org.recgate.sip.demo;

import org.recgate.sip.session.SdpSessionLines;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The demo recorder's SDP answer to a recording client's offer (RFC 3264, RFC 7866 §7.2).
 * <p>
 * Every m-line of the offer is answered in order, keeping its {@code a=label} (RFC 7866 §7.1.1).
 * The direction is the recorder's side of the offered one: {@code sendonly} or {@code sendrecv}
 * (capturing) is answered {@code recvonly}; {@code inactive} (paused) or {@code recvonly} (the
 * client sends nothing) is answered {@code inactive}. The first offered format is kept, with its
 * {@code a=rtpmap}/{@code a=fmtp}. A rejected m-line (port 0) stays rejected.
 * <p>
 * The demo recorder receives no media, yet a port of 0 would reject the stream; accepted m-lines
 * therefore carry port 9, the discard port, the conventional "no real port" placeholder.
 *
 * @param text   the answer
 * @param paused whether no accepted stream is being sent (all answered {@code inactive})
 */
record SdpAnswer(String text, boolean paused) {

    /** Port of every accepted m-line: nothing listens, and RTP sent there is discarded. */
    static final int DISCARD_PORT = 9;

    private static final String CRLF = SdpSessionLines.CRLF;
    private static final List<String> DIRECTIONS = List.of("sendonly", "recvonly", "sendrecv", "inactive");

    /**
     * @param offer     the client's SDP offer
     * @param address   the recorder's address for {@code o=} and {@code c=}
     * @param sessionId the {@code o=} session id, fixed for the recording session
     * @param version   the {@code o=} version, one more at each answer that may differ
     * @throws IllegalArgumentException when the offer has no m-line
     */
    static SdpAnswer answer(String offer, String address, long sessionId, long version) {
        List<List<String>> media = new ArrayList<>();
        String sessionDirection = "sendrecv";
        for (String line : offer.split("\r?\n")) {
            if (line.startsWith("m=")) {
                media.add(new ArrayList<>());
            }
            if (media.isEmpty()) {
                sessionDirection = direction(line, sessionDirection);
            } else {
                media.get(media.size() - 1).add(line);
            }
        }
        if (media.isEmpty()) {
            throw new IllegalArgumentException("the SDP offer has no m-line");
        }
        StringBuilder answer = SdpSessionLines.start("recgate-demo", sessionId, version, address, "RecGate demo recorder");
        boolean paused = true;
        for (List<String> lines : media) {
            paused &= answerMedia(lines, sessionDirection, answer);
        }
        return new SdpAnswer(answer.toString(), paused);
    }

    /** Appends the answer to one m-line; true when it is rejected or answered inactive. */
    private static boolean answerMedia(List<String> lines, String sessionDirection, StringBuilder answer) {
        String[] mLine = lines.get(0).substring(2).trim().split("\\s+");
        if (mLine.length < 4) {
            throw new IllegalArgumentException("bad m-line '" + lines.get(0) + "'");
        }
        boolean rejected = "0".equals(mLine[1]);
        String format = mLine[3];
        answer.append("m=").append(mLine[0]).append(' ').append(rejected ? 0 : DISCARD_PORT)
                .append(' ').append(mLine[2]).append(' ').append(format).append(CRLF);
        if (rejected) {
            return true;
        }
        String direction = sessionDirection;
        for (String line : lines) {
            direction = direction(line, direction);
            if (line.startsWith("a=rtpmap:" + format + " ") || line.startsWith("a=fmtp:" + format + " ")
                    || line.startsWith("a=label:")) {
                answer.append(line).append(CRLF);
            }
        }
        boolean sending = "sendonly".equals(direction) || "sendrecv".equals(direction);
        answer.append(sending ? "a=recvonly" : "a=inactive").append(CRLF);
        return !sending;
    }

    /** The direction a line sets ({@code a=sendonly} ...), or {@code current} when it sets none. */
    private static String direction(String line, String current) {
        String attribute = line.startsWith("a=") ? line.substring(2).trim().toLowerCase(Locale.ROOT) : "";
        return DIRECTIONS.contains(attribute) ? attribute : current;
    }
}
