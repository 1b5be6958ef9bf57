package org.recgate.recording;

import java.util.List;
import java.util.function.Consumer;
import org.recgate.call.Call;
import org.recgate.call.CallChange;
import org.recgate.call.CallRegistry;
import org.recgate.config.DnDirectory;
import org.recgate.sip.RecorderEvent;
import org.recgate.sip.RecorderOperation;
import org.recgate.sip.RecorderResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to recordings without a client's request (docs/recording.md §1–2): a side that
 * leaves the call stops being recorded (the agent transferred away), every recording of an ended
 * call stops, full-time DNs and routing decisions start recordings, a recorder that hangs up ends
 * its destination. Each method says what changed and which recorder requests to send; the routes
 * send them.
 */
public final class RecordingEndings {

    private static final Logger LOG = LoggerFactory.getLogger(RecordingEndings.class);

    private final CallRegistry calls;
    private final RecordingRegistry recordings;
    private final RoutingDecisions decisions;
    private final AutomaticRecording automatic;
    private final AutomaticStarts starts;
    private final StateChanges states;
    private final RecordingRestore restores;
    private final RecordingFailovers failovers;
    private final RecordingRetries retries;

    /** {@code restores}: the restore after a restart, whose RESTORE answers come here; {@code automaticFailures} is told of each automatic recording that did not start (a meter). */
    public RecordingEndings(CallRegistry calls, RecordingRegistry recordings, RecordingFactory factory, DnDirectory directory,
                            RoutingDecisions decisions, RecordingRestore restores, Consumer<Cause> automaticFailures) {
        this(calls, recordings, factory, directory, decisions, restores, automaticFailures,
                new RecordingRetries(calls, recordings, true, java.time.Clock.systemUTC()));
    }

    /** {@code retries}: the retry of recordings left with no recorder ({@code recgate.recorder.retry-while-call}). */
    public RecordingEndings(CallRegistry calls, RecordingRegistry recordings, RecordingFactory factory, DnDirectory directory,
                            RoutingDecisions decisions, RecordingRestore restores, Consumer<Cause> automaticFailures,
                            RecordingRetries retries) {
        this.retries = retries;
        this.calls = calls;
        this.recordings = recordings;
        this.decisions = decisions;
        this.automatic = new AutomaticRecording(directory, decisions);
        this.states = new StateChanges(calls, recordings);
        this.starts = new AutomaticStarts(recordings, factory, states, automaticFailures);
        this.restores = restores;
        this.failovers = new RecordingFailovers(calls, recordings);
    }

    /**
     * A call event changed the call: recordings of the sides that left (all, when the call ended)
     * end; then what the change starts or ends by itself (full-time DNs, routing decisions, a
     * Trunk's recording once an agent has the call).
     */
    public RecordingOutcome callChanged(CallChange change) {
        Call call = change.call();
        if (change.renumbered()) {
            recordings.moveCall(change.previousConnectionId(), call.connectionId());
            decisions.moveCall(change.previousConnectionId(), call.connectionId());
        }
        RecordingOutcome outcome = new RecordingOutcome();
        List<Recording> leaving = change.ended() ? recordings.ofCall(call.connectionId()) : recordings.ofCall(call.connectionId())
                .stream().filter(r -> change.left().contains(r.recordedDn())).toList();
        Cause cause = change.stale() ? Cause.STALE
                : change.ended() || change.joined().isEmpty() ? Cause.CALL_RELEASED : Cause.TRANSFER;
        leaving.forEach(recording -> end(recording, call, cause, outcome));
        if (change.ended()) {
            if (change.stale()) {
                calls.forget(call); // a release takes the call out of the registry itself
            }
            recordings.removeCall(call.connectionId());
            decisions.forget(call.connectionId());
            return outcome;
        }
        AutomaticRecording.Plan plan = automatic.plan(change, recordings.ofCall(call.connectionId()));
        plan.ends().forEach(recording -> end(recording, call, Cause.TRANSFER, outcome));
        plan.starts().forEach(start -> starts.start(call, start).ifPresent(outcome::task));
        return outcome;
    }

    /** Ends a recording that is not Off yet, and its dialogs (a recording ended earlier was stopped then). */
    private void end(Recording recording, Call call, Cause cause, RecordingOutcome outcome) {
        if (recording.state() == RecordingState.OFF) {
            return;
        }
        RecorderTask stop = RecorderRequests.stopLive(recording, call);
        states.end(recording, cause).ifPresent(outcome::change);
        if (stop != null) {
            outcome.task(stop);
        }
    }

    /** A recorder ended a destination on its own; with none left the recording is Off (recorder-failure). */
    public RecordingOutcome recorderEnded(RecorderEvent event) {
        RecordingOutcome outcome = new RecordingOutcome();
        recordings.find(event.recordingId()).ifPresent(recording -> {
            LOG.warn("{}: the recorder {} ended its destination ({})", recording, event.uri(), event.reason());
            if (recording.destinationEnded(event.role(), event.sipStatus())) {
                states.end(recording, Cause.RECORDER_FAILURE).ifPresent(outcome::change);
            }
        });
        return outcome;
    }

    /**
     * A destination's recorder went DOWN and its session was abandoned: the RESTORE that moves it to
     * the next recorder, as the outcome's task, or (no dialog state) its end.
     */
    public RecordingOutcome recorderDown(RecorderEvent event) {
        RecordingOutcome outcome = new RecordingOutcome();
        failovers.failover(event, outcome).ifPresent(outcome::task);
        return outcome;
    }

    /** A recorder is UP again: the RESTOREs that retry there the recordings left with no recorder, as tasks. */
    public RecordingOutcome recorderUp(RecorderEvent event) {
        RecordingOutcome outcome = new RecordingOutcome();
        retries.recorderUp(event).forEach(outcome::task);
        return outcome;
    }

    /**
     * A recorder answered a request the gateway sent on its own ({@code response} null and
     * {@code error} set when it could not be sent): an automatic START settles; a STOP's results are
     * kept for the record; a RESTORE after a restart re-asserts or renews ({@link RecordingRestore}).
     */
    public RecordingOutcome answered(RecorderTask task, RecorderResponse response, Throwable error) {
        if (task.request().operation() == RecorderOperation.START) {
            return starts.answered(task, response, error);
        }
        if (RecordingRetries.isRetry(task)) {
            return retries.answered(task, response, error);
        }
        if (task.request().operation() == RecorderOperation.RESTORE) {
            return restores.answered(task, response, error);
        }
        if (response != null) {
            task.recording().recordResults(task.request().operation(), response.results());
        } else {
            LOG.warn("{}: the recorder could not be told to {}: {}", task.recording(),
                    task.request().operation().name().toLowerCase(java.util.Locale.ROOT), error);
        }
        return new RecordingOutcome();
    }

    /**
     * The gateway stops with {@code recgate.shutdown.end-recordings=true}: every recording that is not
     * Off ends (cause {@code shutdown}), each with the STOP of its live destinations.
     */
    public RecordingOutcome shutdown() {
        RecordingOutcome outcome = new RecordingOutcome();
        for (Call call : calls.all()) {
            recordings.ofCall(call.connectionId()).forEach(recording -> end(recording, call, Cause.SHUTDOWN, outcome));
        }
        return outcome;
    }
}
