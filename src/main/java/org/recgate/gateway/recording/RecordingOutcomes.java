package org.recgate.gateway.recording;

import org.apache.camel.Exchange;
import org.recgate.recording.RecordingOutcome;

/**
 * Where a step leaves what recording control did for the route {@code recording-outcome}: the
 * state changes in {@value #CHANGES} (each to {@code recording-indications}) and the recorder
 * requests the gateway sends on its own in {@value #TASKS} (each to {@code recorder-request}).
 */
public final class RecordingOutcomes {

    /** Property: the {@code List<RecordingChange>} to indicate. */
    public static final String CHANGES = "RecordingChanges";
    /** Property: the {@code List<RecorderTask>} to send. */
    public static final String TASKS = "RecorderTasks";

    private RecordingOutcomes() {
    }

    static void leave(Exchange exchange, RecordingOutcome outcome) {
        exchange.setProperty(CHANGES, outcome.changes().isEmpty() ? null : outcome.changes());
        exchange.setProperty(TASKS, outcome.tasks().isEmpty() ? null : outcome.tasks());
    }
}
