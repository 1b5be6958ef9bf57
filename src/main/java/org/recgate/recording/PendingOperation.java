package org.recgate.recording;

import java.util.List;
import org.recgate.call.Call;
import org.recgate.sip.RecorderOperation;
import org.recgate.sip.RecorderRequest;

/**
 * A client's operation between its request and the recorders' answers: each target recording in its
 * pending state (Starting, Pausing, ...), and the recorder requests to send, one per recording.
 */
public final class PendingOperation {

    /** A recording the operation moves: the state it came from and the pending state it is in. */
    record Target(Recording recording, RecordingState from, RecordingState pending) {
    }

    private final RecorderOperation operation;
    private final Call call;
    private final List<Target> targets;
    private final List<RecorderRequest> requests;
    private final Runnable undo;

    PendingOperation(RecorderOperation operation, Call call, List<Target> targets, List<RecorderRequest> requests,
                     Runnable undo) {
        this.operation = operation;
        this.call = call;
        this.targets = List.copyOf(targets);
        this.requests = List.copyOf(requests);
        this.undo = undo;
    }

    public RecorderOperation operation() {
        return operation;
    }

    Call call() {
        return call;
    }

    List<Target> targets() {
        return targets;
    }

    /** What the recorders are to do: one request per target recording, in the same order. */
    public List<RecorderRequest> requests() {
        return requests;
    }

    /**
     * Puts the targets back where they were when the operation fails before the recorders answered
     * (nothing half-changed); harmless once the operation is settled.
     */
    public void undo() {
        undo.run();
    }
}
