package org.recgate.recording;

import java.util.Optional;
import java.util.function.Consumer;
import org.recgate.call.Call;
import org.recgate.sip.RecorderOperation;
import org.recgate.sip.RecorderResponse;
import org.recgate.tlib.model.ErrorCode;
import org.recgate.tlib.model.TlibException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recordings nobody asked for by request (full-time DNs, routing decisions; docs/recording.md §1):
 * made Starting here, sent by the route {@code recorder-request}, settled when the recorder
 * answered. The outcome goes to the log, the indications and, when it did not start, a meter.
 */
final class AutomaticStarts {

    private static final Logger LOG = LoggerFactory.getLogger(AutomaticStarts.class);

    private final RecordingRegistry recordings;
    private final RecordingFactory factory;
    private final StateChanges states;
    private final Consumer<Cause> failures;

    AutomaticStarts(RecordingRegistry recordings, RecordingFactory factory, StateChanges states, Consumer<Cause> failures) {
        this.recordings = recordings;
        this.factory = factory;
        this.states = states;
        this.failures = failures;
    }

    /** The START for {@code start}, or empty (logged, counted) when no recording can be made. */
    Optional<RecorderTask> start(Call call, AutomaticRecording.Start start) {
        Recording recording;
        try {
            recording = create(call, start);
        } catch (TlibException refused) {
            LOG.warn("{}: no {} recording of {}: {}", call, start.cause().wireName(), start.dn(), refused.getMessage());
            failures.accept(start.cause());
            return Optional.empty();
        }
        recording.transition(RecordingState.OFF, RecordingState.STARTING);
        LOG.debug("{}: starting ({})", recording, start.cause().wireName());
        return Optional.of(new RecorderTask(recording, call,
                RecorderRequests.of(RecorderOperation.START, recording, call, recording.destinations())));
    }

    /** A routing decision's id that is taken by now does not cost the recording: it gets a generated one. */
    private Recording create(Call call, AutomaticRecording.Start start) {
        try {
            return factory.create(call, start.dn(), start.side(), start.cause(), start.requestedBy(), start.extensions());
        } catch (TlibException e) {
            if (e.errorCode() != ErrorCode.DUPLICATE_RECORDING_ID) {
                throw e;
            }
            LOG.warn("{}: {}; recording {} with a generated id", call, e.getMessage(), start.dn());
            return factory.create(call, start.dn(), start.side(), start.cause(), start.requestedBy(), start.extensions().withoutId());
        }
    }

    /** The recorder answered an automatic START ({@code response} null: it could not be sent). */
    RecordingOutcome answered(RecorderTask task, RecorderResponse response, Throwable error) {
        Recording recording = task.recording();
        RecordingOutcome outcome = new RecordingOutcome();
        if (response != null) {
            recording.recordResults(RecorderOperation.START, response.results());
        }
        if (error == null && response != null && OperationCompletion.succeeded(response)) {
            states.settle(recording, RecordingState.STARTING, RecordingState.ON, null).ifPresentOrElse(outcome::change,
                    () -> OperationCompletion.stopEndedMeanwhile(recording, task.call(), outcome));
            return outcome;
        }
        String why = response == null ? String.valueOf(error) : OperationCompletion.failureOf(recording, response, RecordingState.OFF).getMessage();
        LOG.warn("{}: the {} recording did not start: {}", recording, recording.startCause().wireName(), why);
        failures.accept(recording.startCause());
        recording.settle(RecordingState.STARTING, RecordingState.OFF);
        recordings.discard(recording);
        if (response != null) {
            OperationCompletion.tearDownDuplicate(recording, task.call(), response, outcome);
        }
        return outcome;
    }
}
