package org.recgate.sip.liveness;

import java.time.Duration;
import java.time.Instant;

/**
 * What the gateway knows of one recorder's liveness (docs/sip-recorder.md, "Recorder liveness").
 *
 * @param recorder      the recorder's {@code host:port}, as requests are sent to it
 * @param status        UP or DOWN
 * @param since         when it entered this status
 * @param lastRoundTrip the round trip of the last answered OPTIONS; null before the first answer
 * @param misses        keepalives missed in a row (reset by any answer)
 * @param reason        why it is DOWN (the last failure); null while UP
 */
public record RecorderState(String recorder, Status status, Instant since, Duration lastRoundTrip, int misses,
                            String reason) {

    public enum Status { UP, DOWN }

    /** A recorder not heard of before is taken as UP: new recordings may go to it until it fails. */
    static RecorderState first(String recorder, Instant now) {
        return new RecorderState(recorder, Status.UP, now, null, 0, null);
    }

    public boolean isUp() {
        return status == Status.UP;
    }

    RecorderState answered(Duration roundTrip, Instant now) {
        return new RecorderState(recorder, Status.UP, isUp() ? since : now, roundTrip, 0, null);
    }

    RecorderState missed(int failures, String why, Instant now) {
        int inRow = misses + 1;
        return inRow >= failures ? down(inRow, why + " (" + inRow + " keepalives missed in a row)", now)
                : new RecorderState(recorder, status, since, lastRoundTrip, inRow, reason);
    }

    RecorderState failed(String why, Instant now) {
        return down(misses, why, now);
    }

    private RecorderState down(int inRow, String why, Instant now) {
        return new RecorderState(recorder, Status.DOWN, isUp() ? now : since, lastRoundTrip, inRow, why);
    }
}
