package org.recgate.recording;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.recgate.call.Call;
import org.recgate.sip.DestinationResult;
import org.recgate.sip.DestinationRole;
import org.recgate.sip.DestinationStatus;
import org.recgate.sip.RecorderOperation;
import org.recgate.sip.RecorderResponse;
import org.recgate.tlib.model.ErrorCode;
import org.recgate.tlib.model.TlibException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second half of a client's recording operation: the recorders answered, so each target
 * recording settles (docs/recording.md §2). A failed START or a failed PAUSE/RESUME changes nothing
 * (the error names the failure); STOP always ends the recording.
 */
public final class OperationCompletion {

    private static final Logger LOG = LoggerFactory.getLogger(OperationCompletion.class);

    private final RecordingRegistry recordings;
    private final StateChanges states;

    public OperationCompletion(RecordingRegistry recordings, org.recgate.call.CallRegistry calls) {
        this.recordings = recordings;
        this.states = new StateChanges(calls, recordings);
    }

    /** {@code responses}: one per recorder request of {@code pending}, in any order. */
    public Completion complete(PendingOperation pending, List<RecorderResponse> responses) {
        Map<String, RecorderResponse> byRecording = responses.stream()
                .collect(Collectors.toMap(RecorderResponse::recordingId, r -> r, (a, b) -> a));
        RecordingOutcome outcome = new RecordingOutcome();
        List<String> done = new ArrayList<>();
        Map<String, Object> duplicate = new LinkedHashMap<>();
        TlibException failure = null;
        RecorderOperation operation = pending.operation();
        for (PendingOperation.Target target : pending.targets()) {
            Recording recording = target.recording();
            RecorderResponse response = byRecording.get(recording.id());
            recording.recordResults(operation, response.results());
            boolean succeeded = operation == RecorderOperation.STOP || succeeded(response);
            RecordingState next = succeeded ? success(target.pending()) : target.from();
            var change = states.settle(recording, target.pending(), next,
                    succeeded && operation == RecorderOperation.STOP ? Cause.REQUEST : null);
            change.ifPresent(outcome::change);
            if (succeeded) {
                done.add(recording.id());
                duplicateOutcome(response).forEach(duplicate::putIfAbsent);
                if (operation == RecorderOperation.START && change.isEmpty()) {
                    stopEndedMeanwhile(recording, pending.call(), outcome);
                }
            } else {
                failure = failure != null ? failure : failureOf(recording, response, next);
                if (operation == RecorderOperation.START) {
                    recordings.discard(recording);
                    tearDownDuplicate(recording, pending.call(), response, outcome);
                }
            }
        }
        return new Completion(outcome, failure == null ? ack(pending, done, duplicate) : Map.of(), failure);
    }

    private static Map<String, Object> ack(PendingOperation pending, List<String> done, Map<String, Object> duplicate) {
        Map<String, Object> ack = new LinkedHashMap<>();
        ack.put("id", String.join(",", done));
        if (pending.operation() == RecorderOperation.START) {
            Recording recording = pending.targets().get(0).recording();
            ack.put("record", recording.side().wireName());
            ack.put("file", recording.fileName());
        }
        ack.putAll(duplicate);
        return ack;
    }

    private static RecordingState success(RecordingState pending) {
        return switch (pending) {
            case STARTING, RESUMING -> RecordingState.ON;
            case PAUSING -> RecordingState.PAUSED;
            default -> RecordingState.OFF;
        };
    }

    /** The primary decides; when only a duplicate was asked (the primary is gone), any success does. */
    static boolean succeeded(RecorderResponse response) {
        return response.result(DestinationRole.PRIMARY).map(r -> r.status().succeeded())
                .orElseGet(() -> response.results().stream().anyMatch(r -> r.status().succeeded()));
    }

    private static Map<String, Object> duplicateOutcome(RecorderResponse response) {
        return response.result(DestinationRole.DUPLICATE).map(result -> {
            Map<String, Object> outcome = new LinkedHashMap<>();
            outcome.put("dest2", result.uri());
            outcome.put("dest2-status", result.status().wireName());
            if (result.sipStatus() != null) {
                outcome.put("dest2-sip-status", (long) result.sipStatus());
            }
            if (result.resultCode() != null) {
                outcome.put("dest2-msml-result", (long) result.resultCode());
            }
            return outcome;
        }).orElse(Map.of());
    }

    /**
     * The error for a recording whose recorder refused, timed out or could not be reached; it says
     * what becomes of the recording ({@code after}): a failed START goes Off, any other stays as it was.
     */
    static TlibException failureOf(Recording recording, RecorderResponse response, RecordingState after) {
        String becomes = "; recording " + recording.id() + (after == RecordingState.OFF ? " goes Off"
                : " stays " + after.gsipValue());
        DestinationResult result = response.result(DestinationRole.PRIMARY).orElse(response.results().get(0));
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("id", recording.id());
        extensions.put("dest", result.uri());
        String detail = result.detail() == null ? "" : " (" + result.detail() + ")";
        return switch (result.status()) {
            case REJECTED -> {
                extensions.put("sip-status", (long) (result.sipStatus() == null ? 0 : result.sipStatus()));
                if (result.resultCode() != null) {
                    extensions.put("msml-result", (long) result.resultCode()); // the media server's MSML result
                }
                yield new TlibException(ErrorCode.RECORDER_REJECTED, "the recorder " + result.uri() + " answered "
                        + result.sipStatus() + detail + becomes, extensions, false);
            }
            case TIMEOUT -> new TlibException(ErrorCode.TIMEOUT, "the recorder " + result.uri()
                    + " did not answer in time" + becomes, extensions, false);
            default -> new TlibException(ErrorCode.OUT_OF_SERVICE, "the recorder " + result.uri() + " cannot be reached"
                    + detail + becomes, extensions, false);
        };
    }

    /** A START whose primary failed must not leave its duplicate recording on its own. */
    static void tearDownDuplicate(Recording recording, Call call, RecorderResponse response, RecordingOutcome outcome) {
        response.result(DestinationRole.DUPLICATE).filter(r -> r.status() == DestinationStatus.ESTABLISHED).ifPresent(result ->
                outcome.task(new RecorderTask(recording, call, RecorderRequests.of(RecorderOperation.STOP, recording, call,
                        recording.destination(DestinationRole.DUPLICATE).stream().toList()))));
    }

    /**
     * A recording whose side left the call (or whose call ended) while its recorder was still
     * answering the START was ended Starting, with no dialog to stop yet; the dialogs the recorder
     * has just set up must not stay.
     */
    static void stopEndedMeanwhile(Recording recording, Call call, RecordingOutcome outcome) {
        RecorderTask stop = RecorderRequests.stopLive(recording, call);
        if (stop != null) {
            LOG.info("{} ended while its recorder was answering the start: stopping it", recording);
            outcome.task(stop);
        }
    }
}
