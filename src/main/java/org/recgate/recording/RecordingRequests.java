package org.recgate.recording;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recgate.call.Call;
import org.recgate.call.CallRegistry;
import org.recgate.sip.RecorderOperation;
import org.recgate.sip.RecorderRequest;
import org.recgate.tlib.model.ErrorCode;
import org.recgate.tlib.model.TlibException;

/**
 * The first half of a client's recording operation (docs/recording.md §1–3): the checks, the
 * recordings it selects, and their pending state. {@link OperationCompletion} does the second half
 * once the recorders answered.
 */
public record RecordingRequests(CallRegistry calls, RecordingRegistry recordings, RecordingFactory factory) {

    /** GSIP_RECORD_START: a new recording, Starting. */
    public PendingOperation start(RecordingCommand command) {
        Call call = call(command.connectionId());
        RecordingExtensions extensions = command.extensions();
        String recordedDn = recordedDn(call, command.thisDn(), extensions.side());
        if (!command.control().mayControl(call, recordedDn)) {
            throw command.control().refused(call);
        }
        Recording recording = factory.create(call, recordedDn, extensions.side(), Cause.REQUEST, command.requestedBy(), extensions);
        recording.transition(RecordingState.OFF, RecordingState.STARTING);
        RecorderRequest request = RecorderRequests.of(RecorderOperation.START, recording, call, recording.destinations());
        return new PendingOperation(RecorderOperation.START, call,
                List.of(new PendingOperation.Target(recording, RecordingState.OFF, RecordingState.STARTING)), List.of(request),
                () -> {
                    recording.settle(RecordingState.STARTING, RecordingState.OFF);
                    recordings.discard(recording);
                });
    }

    private static String recordedDn(Call call, String thisDn, Side side) {
        if (side == Side.SOURCE) {
            if (!call.hasParty(thisDn)) {
                throw new TlibException(ErrorCode.INVALID_CONNECTION_ID, "DN " + thisDn + " is not a party of call "
                        + call.connectionId() + " (parties: " + call.parties() + ")");
            }
            return thisDn;
        }
        return call.otherParty(thisDn).orElseThrow(() -> new TlibException(ErrorCode.INVALID_CONNECTION_ID,
                "call " + call.connectionId() + " has no party other than " + thisDn + " to record (record=destination)"));
    }

    /** GSIP_RECORD_PAUSE: the selected recordings that are On; 43 when none is. */
    public PendingOperation pause(RecordingCommand command) {
        return prepare(command, RecorderOperation.PAUSE, "On", Map.of(RecordingState.ON, RecordingState.PAUSING));
    }

    /** GSIP_RECORD_RESUME: the selected recordings that are Paused; 43 when none is. */
    public PendingOperation resume(RecordingCommand command) {
        return prepare(command, RecorderOperation.RESUME, "Paused", Map.of(RecordingState.PAUSED, RecordingState.RESUMING));
    }

    /** GSIP_RECORD_STOP: the selected recordings that are On or Paused; 43 when none is. */
    public PendingOperation stop(RecordingCommand command) {
        Map<RecordingState, RecordingState> moves = new LinkedHashMap<>();
        moves.put(RecordingState.ON, RecordingState.STOPPING);
        moves.put(RecordingState.PAUSED, RecordingState.STOPPING);
        return prepare(command, RecorderOperation.STOP, "On or Paused", moves);
    }

    /**
     * Moves each selected recording whose state is a key of {@code moves} to its pending state; the
     * others are left alone. Params given with the request are merged into the recording's.
     */
    private PendingOperation prepare(RecordingCommand command, RecorderOperation operation, String wanted,
                                     Map<RecordingState, RecordingState> moves) {
        Call call = call(command.connectionId());
        RecordingExtensions extensions = command.extensions();
        List<PendingOperation.Target> targets = new ArrayList<>();
        List<RecorderRequest> requests = new ArrayList<>();
        for (Recording recording : controlled(call, command)) {
            RecordingState from = recording.state();
            RecordingState to = moves.get(from);
            if (to == null) {
                continue;
            }
            try {
                recording.transition(from, to);
            } catch (IllegalTransitionException raced) {
                continue; // another request or a call release got there first
            }
            if (extensions.paramsGiven()) {
                recording.params(merged(recording.params(), extensions.params()));
            }
            targets.add(new PendingOperation.Target(recording, from, to));
            List<RecordingDestination> live = recording.liveDestinations();
            requests.add(RecorderRequests.of(operation, recording, call, live.isEmpty() ? recording.destinations() : live));
        }
        if (targets.isEmpty()) {
            throw new TlibException(ErrorCode.IN_SAME_STATE, "no selected recording of call " + command.connectionId()
                    + " is " + wanted + ", so there is nothing to " + operation.name().toLowerCase(java.util.Locale.ROOT)
                    + " (a recording waiting for its recorder takes no new request until it is answered)");
        }
        return new PendingOperation(operation, call, targets, requests,
                () -> targets.forEach(target -> target.recording().settle(target.pending(), target.from())));
    }

    /** The selected recordings the requester may control; 2002 when it selected some but may control none. */
    private List<Recording> controlled(Call call, RecordingCommand command) {
        List<Recording> selected = selected(call, command.thisDn(), command.extensions());
        List<Recording> controlled = selected.stream()
                .filter(recording -> command.control().mayControl(call, recording.recordedDn())).toList();
        if (controlled.isEmpty() && !selected.isEmpty()) {
            throw command.control().refused(call);
        }
        return controlled;
    }

    private List<Recording> selected(Call call, String thisDn, RecordingExtensions extensions) {
        if (extensions.id() != null) {
            Recording recording = recordings.find(extensions.id())
                    .filter(r -> r.connectionId().equals(call.connectionId()))
                    .orElseThrow(() -> new TlibException(ErrorCode.INVALID_ATTRIBUTE, "AttrExtensions: id '"
                            + extensions.id() + "' is not a recording of call " + call.connectionId()));
            return List.of(recording);
        }
        List<Recording> ofCall = recordings.ofCall(call.connectionId());
        if (!extensions.sideGiven()) {
            return ofCall;
        }
        String dn = extensions.side() == Side.SOURCE ? thisDn : call.otherParty(thisDn).orElse(null);
        return ofCall.stream().filter(r -> r.recordedDn().equals(dn)).toList();
    }

    private static Map<String, Object> merged(Map<String, Object> current, Map<String, Object> update) {
        Map<String, Object> merged = new LinkedHashMap<>(current);
        merged.putAll(update);
        return merged;
    }

    private Call call(String connectionId) {
        return calls.find(connectionId).orElseThrow(() -> new TlibException(ErrorCode.INVALID_CONNECTION_ID,
                "no call " + connectionId + " is known to the gateway (the switch feed has not established it)"));
    }
}
