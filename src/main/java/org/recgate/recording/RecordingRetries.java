package org.recgate.recording;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.recgate.call.Call;
import org.recgate.call.CallRegistry;
import org.recgate.sip.DestinationResult;
import org.recgate.sip.DestinationStatus;
import org.recgate.sip.RecorderDestination;
import org.recgate.sip.RecorderEvent;
import org.recgate.sip.RecorderOperation;
import org.recgate.sip.RecorderRequest;
import org.recgate.sip.RecorderResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retry (docs/sip-recorder.md "Mid-call failover"): a recording that went Off because no recorder
 * was left ({@code recorder-failure}, {@link RecorderRetry}) is set up again on the first of its recorders
 * that comes back UP while its call lasts ({@code recgate.recorder.retry-while-call}, default true). It is
 * a RESTORE from the lost session's dialog state: a new session with the same recording id and metadata
 * ids, in the direction the recording had (a Paused one offers {@code a=inactive}). While it is under way
 * the recording is Starting; the retry is kept on the recording until its session is up ({@link #answered}).
 * A released call's recordings are forgotten with it, so they are never retried.
 */
public final class RecordingRetries {

    private static final Logger LOG = LoggerFactory.getLogger(RecordingRetries.class);

    private final CallRegistry calls;
    private final RecordingRegistry recordings;
    private final boolean enabled;
    private final Clock clock;

    /** @param enabled {@code recgate.recorder.retry-while-call}; false: nothing is retried */
    public RecordingRetries(CallRegistry calls, RecordingRegistry recordings, boolean enabled, Clock clock) {
        this.calls = calls;
        this.recordings = recordings;
        this.enabled = enabled;
        this.clock = clock;
    }

    /** The RESTOREs that retry, on the recorder of {@code event} (UP again), the recordings left without one. */
    public List<RecorderTask> recorderUp(RecorderEvent event) {
        List<RecorderTask> tasks = new ArrayList<>();
        if (!enabled) {
            return tasks;
        }
        for (Call call : calls.all()) {
            List<Recording> ofCall = recordings.ofCall(call.connectionId());
            for (Recording recording : ofCall) {
                RecorderRetry retry = recording.retry();
                if (retry == null || recording.state() != RecordingState.OFF || recording.endCause() != Cause.RECORDER_FAILURE
                        || retry.candidates().stream().noneMatch(event::isAt) || newerRuns(ofCall, recording)) {
                    continue;
                }
                try {
                    recording.transition(RecordingState.OFF, RecordingState.STARTING);
                } catch (IllegalTransitionException e) {
                    continue; // it changed meanwhile
                }
                LOG.info("{}: its recorder {} is UP again: retrying it there", recording, event.uri());
                tasks.add(task(recording, call, retry, event));
            }
        }
        return tasks;
    }

    /** Another recording of the same DN in the call runs (a client started one since): this one stays Off. */
    private static boolean newerRuns(List<Recording> ofCall, Recording recording) {
        return ofCall.stream().anyMatch(other -> other != recording && other.recordedDn().equals(recording.recordedDn())
                && other.state() != RecordingState.OFF);
    }

    private static RecorderTask task(Recording recording, Call call, RecorderRetry retry, RecorderEvent event) {
        // the recorder UP again first, then the rest of the list (the component skips those DOWN)
        List<String> candidates = Stream.concat(retry.candidates().stream().filter(event::isAt),
                retry.candidates().stream().filter(uri -> !event.isAt(uri))).toList();
        RecorderRequest spec = RecorderRequests.of(RecorderOperation.RESTORE, recording, call, List.of());
        RecorderDestination destination = new RecorderDestination(candidates, retry.role(), retry.dialect(), retry.dialogState());
        return new RecorderTask(recording, call, new RecorderRequest(RecorderOperation.RESTORE, spec.session(),
                List.of(destination)), RecorderFailover.from(retry.role(), retry.lostUri(), retry.gapStart()));
    }

    /** Whether a RESTORE's answer is a retry's: only a retry sends one for a recording with a {@link RecorderRetry}. */
    static boolean isRetry(RecorderTask task) {
        return task.request().operation() == RecorderOperation.RESTORE && task.recording().retry() != null;
    }

    /**
     * The retry's answer: the recording comes back in the state it had, cause {@code recorder-restored},
     * with the gap; when no session was set up it stays Off for the next recorder UP. A call released
     * meanwhile ended the recording: the new session is stopped.
     */
    RecordingOutcome answered(RecorderTask task, RecorderResponse response, Throwable error) {
        Recording recording = task.recording();
        RecordingOutcome outcome = new RecordingOutcome();
        RecorderRetry retry = recording.retry();
        if (response != null) {
            recording.recordResults(RecorderOperation.RESTORE, response.results());
        }
        Optional<DestinationResult> established = response == null ? Optional.empty() : response.results().stream()
                .filter(result -> result.status() == DestinationStatus.ESTABLISHED).findFirst();
        if (established.isEmpty() || retry == null) {
            LOG.warn("{}: the retry set up no session ({}): it stays Off", recording,
                    error != null ? error.toString() : response == null ? "no answer" : response.results());
            recording.settle(RecordingState.STARTING, RecordingState.OFF);
            return outcome;
        }
        Optional<StateChange> back = recording.settle(RecordingState.STARTING, retry.state());
        if (recording.state() != retry.state()) {
            RecorderTask stop = RecorderRequests.stopLive(recording, task.call()); // its call ended meanwhile
            if (stop != null) {
                outcome.task(stop);
            }
            return outcome;
        }
        recording.retry(null);
        LOG.info("{}: back {} at {} after its recorders failed", recording, retry.state().wireName(), established.get().uri());
        RecorderFailover gap = task.failover().confirmed(established.get().uri(), clock.instant());
        back.ifPresent(change -> calls.find(recording.connectionId()).ifPresent(call ->
                outcome.change(new RecordingChange(call, recording, change, Cause.RECORDER_RESTORED, gap))));
        return outcome;
    }
}
