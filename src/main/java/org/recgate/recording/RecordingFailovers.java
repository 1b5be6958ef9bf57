package org.recgate.recording;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.recgate.call.Call;
import org.recgate.call.CallRegistry;
import org.recgate.sip.RecorderDestination;
import org.recgate.sip.RecorderEvent;
import org.recgate.sip.RecorderOperation;
import org.recgate.sip.RecorderRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mid-call failover (docs/sip-recorder.md "Mid-call failover"): the recorder of a live destination
 * went DOWN and the component abandoned its session; the destination is set up again on the next
 * recorder of its failover list (its other candidates, DOWN ones skipped) by a RESTORE from its last dialog
 * state, the one path that already re-establishes a recording as a new session with the same
 * recording id, params and direction (paused stays {@code a=inactive}). No client is asked or told
 * of an error; {@link RecordingRestore#answered} settles it (cause {@code recorder-failover}, or
 * {@code recorder-failure} when no recorder takes it).
 */
public final class RecordingFailovers {

    private static final Logger LOG = LoggerFactory.getLogger(RecordingFailovers.class);

    private final CallRegistry calls;
    private final RecordingRegistry recordings;
    private final StateChanges states;

    public RecordingFailovers(CallRegistry calls, RecordingRegistry recordings) {
        this.calls = calls;
        this.recordings = recordings;
        this.states = new StateChanges(calls, recordings);
    }

    /**
     * The RESTORE that moves the event's destination, or empty: the recording is gone, Off, or that
     * destination is no longer live at that recorder (already stopped or moved). A destination without
     * a dialog state cannot be re-established: it ends, and with none left the recording is Off
     * ({@code recorder-failure}), in {@code ended}.
     */
    public Optional<RecorderTask> failover(RecorderEvent event, RecordingOutcome ended) {
        Optional<Recording> found = recordings.find(event.recordingId()).filter(r -> r.state() != RecordingState.OFF);
        Optional<Call> call = found.flatMap(r -> calls.find(r.connectionId()));
        if (found.isEmpty() || call.isEmpty()) {
            return Optional.empty();
        }
        Recording recording = found.get();
        Optional<RecordingDestination> lost = recording.liveDestinations().stream()
                .filter(d -> d.role() == event.role() && d.uri().equals(event.uri())).findFirst();
        if (lost.isEmpty()) {
            return Optional.empty();
        }
        RecordingDestination destination = lost.get();
        List<String> next = next(destination.candidates(), event.uri());
        if (destination.dialogState() == null || next.isEmpty()) {
            LOG.warn("{}: its recorder {} failed ({}) and its session cannot be set up again ({})", recording, event.uri(),
                    event.reason(), next.isEmpty() ? "no other recorder in its list" : "no dialog state");
            if (recording.destinationEnded(event.role(), null)) {
                if (destination.dialogState() != null) {
                    recording.retry(new RecorderRetry(destination.role(), event.uri(), destination.candidates(),
                            destination.dialect(), destination.dialogState(), recording.reported(), event.lastAlive()));
                }
                states.end(recording, Cause.RECORDER_FAILURE).ifPresent(ended::change);
            }
            return Optional.empty();
        }
        LOG.warn("{}: its recorder {} failed ({}): failing over to {}", recording, event.uri(), event.reason(), next);
        RecorderRequest spec = RecorderRequests.of(RecorderOperation.RESTORE, recording, call.get(), List.of());
        RecorderDestination restore = new RecorderDestination(next, destination.role(), destination.dialect(),
                destination.dialogState());
        Instant gapStart = event.lastAlive();
        return Optional.of(new RecorderTask(recording, call.get(),
                new RecorderRequest(RecorderOperation.RESTORE, spec.session(), List.of(restore)),
                RecorderFailover.from(event.role(), event.uri(), gapStart)));
    }

    /**
     * The failover list after the lost recorder: the candidates that follow it, then those before it
     * (a list read as a ring, so each recorder's sessions spread to the next one), without it. The
     * component leaves out the DOWN ones (docs/sip-recorder.md "Recorder liveness").
     */
    static List<String> next(List<String> candidates, String lost) {
        int at = candidates.indexOf(lost);
        List<String> ring = new ArrayList<>(candidates.subList(at + 1, candidates.size()));
        ring.addAll(candidates.subList(0, Math.max(at, 0)));
        ring.remove(lost);
        return ring;
    }
}
