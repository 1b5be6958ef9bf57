package org.recgate.sip.demo;

/**
 * A request the demo recorder refuses, with the SIP status and reason phrase to answer. Checked,
 * so every refusal reaches the one place that turns it into a response.
 */
final class Refusal extends Exception {

    private static final int MAX_REASON_LENGTH = 200;

    private final int status;

    /** @param reason plain words for the reason phrase; line breaks are flattened */
    Refusal(int status, String reason) {
        super(phrase(reason), null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }

    /** A reason phrase must be one line (RFC 3261 §25.1): exception texts may not be. */
    private static String phrase(String reason) {
        String line = String.valueOf(reason).replaceAll("\\s+", " ").trim();
        return line.length() > MAX_REASON_LENGTH ? line.substring(0, MAX_REASON_LENGTH) : line;
    }
}
