package org.recgate.recording;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.recgate.call.Call;
import org.recgate.call.CallRegistry;
import org.recgate.call.CallSnapshot;
import org.recgate.sip.DestinationResult;
import org.recgate.sip.DestinationStatus;
import org.recgate.sip.RecorderDestination;
import org.recgate.sip.RecorderOperation;
import org.recgate.sip.RecorderRequest;
import org.recgate.sip.RecorderResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A restart (docs/durable-state.md §10): the calls and recordings the state records kept are known
 * again, and each recording's live destinations are re-asserted at their recorders (RESTORE). A
 * destination whose dialog the recorder no longer knew gets a new session with the same recording
 * id (cause {@code restored}); a recording left with no live destination ends ({@code recorder-failure}).
 * The state is the one kept: a recording restored Paused stays Paused. A RESTORE for a mid-call
 * failover ({@link RecordingFailovers}) is answered here too: its new session is indicated with
 * cause {@code recorder-failover} and the gap.
 */
public final class RecordingRestore {

    private static final Logger LOG = LoggerFactory.getLogger(RecordingRestore.class);

    private final CallRegistry calls;
    private final RecordingRegistry recordings;
    private final StateChanges states;
    private final Clock clock;

    public RecordingRestore(CallRegistry calls, RecordingRegistry recordings) {
        this(calls, recordings, Clock.systemUTC());
    }

    /** @param clock when a failover's new session was confirmed (the end of its gap) */
    public RecordingRestore(CallRegistry calls, RecordingRegistry recordings, Clock clock) {
        this.calls = calls;
        this.recordings = recordings;
        this.states = new StateChanges(calls, recordings);
        this.clock = clock;
    }


    /** Knows the call and its recordings again; returns the RESTORE requests for their live destinations. */
    public List<RecorderTask> restore(CallSnapshot kept, List<RecordingSnapshot> keptRecordings) {
        Call call = calls.restore(kept);
        List<RecorderTask> tasks = new ArrayList<>();
        for (RecordingSnapshot snapshot : keptRecordings) {
            Recording recording = Recording.restored(snapshot);
            if (!recordings.restore(recording)) {
                continue;
            }
            List<RecorderDestination> live = recording.liveDestinations().stream()
                    .filter(d -> d.dialogState() != null)
                    .map(d -> new RecorderDestination(d.candidates(), d.role(), d.dialect(), d.dialogState()))
                    .toList();
            if (!live.isEmpty()) {
                RecorderRequest request = RecorderRequests.of(RecorderOperation.RESTORE, recording, call, List.of());
                tasks.add(new RecorderTask(recording, call,
                        new RecorderRequest(RecorderOperation.RESTORE, request.session(), live)));
            }
        }
        return tasks;
    }

    /**
     * The recorders answered a RESTORE ({@code response} null and {@code error} set when it could not
     * be sent): a renewed session is indicated with cause {@code restored}, in the state the
     * recording was in; with no destination left live, the recording ends.
     */
    public RecordingOutcome answered(RecorderTask task, RecorderResponse response, Throwable error) {
        Recording recording = task.recording();
        RecordingOutcome outcome = new RecordingOutcome();
        if (response == null) {
            LOG.warn("{}: its recorder dialogs could not be re-asserted: {}", recording, error == null ? "no answer" : error.toString());
            recording.liveDestinations().forEach(d -> recording.destinationEnded(d.role(), null));
        } else {
            recording.recordResults(RecorderOperation.RESTORE, response.results());
            for (DestinationResult result : response.results()) {
                boolean live = result.status() == DestinationStatus.ESTABLISHED;
                String what = !live ? "not re-established" : result.renewed() ? "a new session" : "dialog re-asserted";
                LOG.info("{}: {} at {} ({}){}", recording, what, result.uri(), result.status().wireName(),
                        result.detail() == null ? "" : ": " + result.detail());
            }
        }
        if (recording.liveDestinations().isEmpty()) {
            if (task.failover() != null) {
                // a failover no recorder took: retried when one of the destination's recorders is UP again
                RecorderDestination lost = task.request().destinations().get(0);
                recording.destination(lost.role()).ifPresent(d -> recording.retry(new RecorderRetry(lost.role(),
                        task.failover().from(), d.candidates(), d.dialect(), lost.dialogState(), recording.reported(),
                        task.failover().gapStart())));
            }
            states.end(recording, Cause.RECORDER_FAILURE).ifPresent(outcome::change);
        } else if (response != null && response.results().stream().anyMatch(DestinationResult::renewed)) {
            // a failover's new session: the gap ends now, at the URI that answered (its 2xx is ACKed)
            RecorderFailover failover = task.failover() == null ? null : task.failover().confirmed(
                    response.results().stream().filter(DestinationResult::renewed).findFirst().orElseThrow().uri(),
                    clock.instant());
            calls.find(recording.connectionId()).ifPresent(call -> outcome.change(new RecordingChange(call, recording,
                    new StateChange(recording.reported(), recording.reported()),
                    failover == null ? Cause.RESTORED : Cause.RECORDER_FAILOVER, failover)));
        }
        return outcome;
    }
}
