package org.recgate.tlib.model;

/**
 * A line that is not a valid T-Library message (docs/protocol.md, Framing): answered with
 * {@code EventError} 53. {@code referenceId} is echoed when the line had a usable one.
 */
public record FrameError(String reason, Long referenceId) implements InboundFrame {

    public static FrameError of(String reason) {
        return new FrameError(reason, null);
    }
}
