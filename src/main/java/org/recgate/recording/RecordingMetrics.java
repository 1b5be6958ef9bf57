package org.recgate.recording;

import io.micrometer.core.instrument.Counter;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.recgate.call.CallRegistry;
import org.recgate.support.Meters;

/**
 * Recording control's meters (docs/operations.md): calls and recordings known, live recordings by
 * state, routing decisions waiting, automatic recordings that did not start, recordings refused by
 * the per-call limit.
 */
public final class RecordingMetrics {

    private final Map<Cause, Counter> automaticFailures = new EnumMap<>(Cause.class);

    public RecordingMetrics(Meters meters, CallRegistry calls, RecordingRegistry recordings, RoutingDecisions decisions) {
        meters.gauge("recgate.calls", "Calls known from the switch feed", calls, CallRegistry::size);
        meters.gauge("recgate.recordings", "Recordings of the known calls (those not ended, and each call's last ended ones)",
                recordings, RecordingRegistry::size);
        for (RecordingState state : RecordingState.values()) {
            if (state != RecordingState.OFF) {
                meters.gauge("recgate.recordings.live", "Recordings not Off, by state", recordings,
                        r -> r.countIn(state), "state", state.name().toLowerCase(Locale.ROOT));
            }
        }
        meters.gauge("recgate.routing.decisions.waiting", "Routing decisions waiting for their call to reach the target",
                decisions, RoutingDecisions::waiting);
        for (Cause cause : new Cause[] {Cause.FULL_TIME, Cause.ROUTING}) {
            automaticFailures.put(cause, meters.counter("recgate.recordings.automatic.failed",
                    "Automatic recordings (full-time, routing) that did not start", "cause", cause.wireName()));
        }
    }

    /**
     * {@code recgate_recording_limit_hits_total{limit="max-per-call"}}: recordings refused because
     * their call had {@code recgate.recording.max-per-call} that had not ended (made before the
     * registry, which counts them).
     */
    public static Counter limitHits(Meters meters) {
        return meters.counter("recgate.recording.limit.hits",
                "Recordings refused because a recording limit was reached, by the setting (recgate.recording.<limit>)",
                "limit", "max-per-call");
    }

    /** An automatic recording of {@code cause} that did not start. */
    public void automaticRecordingFailed(Cause cause) {
        Counter counter = automaticFailures.get(cause);
        if (counter != null) {
            counter.increment();
        }
    }
}
