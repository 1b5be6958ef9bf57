package org.recgate.sip.liveness;

import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.recgate.support.Meters;

/**
 * The liveness meters (docs/operations.md): {@code recgate_recorder_up{recorder}} (1 UP, 0 DOWN),
 * one series per recorder from when it is first seen, and the keepalive round trip
 * {@code recgate_recorder_keepalive_seconds}.
 */
public final class RecorderMeters {

    private final Meters meters;
    private final Timer roundTrip;

    public RecorderMeters(Meters meters) {
        this.meters = meters;
        this.roundTrip = meters.timer("recgate.recorder.keepalive",
                "Round trip of the SIP OPTIONS keepalives recorders answered");
    }

    /** Registers the recorder's {@code recgate_recorder_up} gauge. */
    public void recorderSeen(RecorderLiveness liveness, String recorder) {
        meters.gauge("recgate.recorder.up", "1 while the recorder answers keepalives (UP), 0 while it is DOWN",
                liveness, states -> states.isDown(recorder) ? 0 : 1, "recorder", recorder);
    }

    void roundTrip(Duration time) {
        roundTrip.record(time);
    }
}
