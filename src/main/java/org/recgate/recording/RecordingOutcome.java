package org.recgate.recording;

import java.util.ArrayList;
import java.util.List;

/**
 * What one step of recording control did besides its answer: the state changes to indicate and the
 * recorder requests it calls for. Route steps leave it on the exchange; the route
 * {@code recording-outcome} sends each on its way.
 */
public final class RecordingOutcome {

    private final List<RecordingChange> changes = new ArrayList<>(2);
    private final List<RecorderTask> tasks = new ArrayList<>(1);

    public List<RecordingChange> changes() {
        return changes;
    }

    public List<RecorderTask> tasks() {
        return tasks;
    }

    RecordingOutcome change(RecordingChange change) {
        changes.add(change);
        return this;
    }

    RecordingOutcome task(RecorderTask task) {
        tasks.add(task);
        return this;
    }

    RecordingOutcome add(RecordingOutcome other) {
        changes.addAll(other.changes);
        tasks.addAll(other.tasks);
        return this;
    }

    public boolean isEmpty() {
        return changes.isEmpty() && tasks.isEmpty();
    }
}
