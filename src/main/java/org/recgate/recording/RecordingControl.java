package org.recgate.recording;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.recgate.call.Call;
import org.recgate.call.CallChange;
import org.recgate.call.CallListener;
import org.recgate.call.CallRegistry;
import org.recgate.config.DnDirectory;
import org.recgate.sip.DestinationResult;
import org.recgate.sip.DestinationRole;
import org.recgate.sip.DestinationStatus;
import org.recgate.sip.Participant;
import org.recgate.sip.RecorderDestination;
import org.recgate.sip.RecorderEvent;
import org.recgate.sip.RecorderOperation;
import org.recgate.sip.RecorderRequest;
import org.recgate.sip.RecorderResponse;
import org.recgate.sip.RecordingSessionSpec;
import org.recgate.tlib.model.Attr;
import org.recgate.tlib.model.ErrorCode;
import org.recgate.tlib.model.TlibException;
import org.recgate.tlib.model.TlibMessage;
import org.recgate.tlib.server.ClientSession;
import org.recgate.tlib.server.Replies;
import org.recgate.tlib.server.SessionRegistry;
import org.recgate.tlib.server.TlibExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code RequestPrivateService} recording control (RECORDING.md §1–3), as steps of the
 * {@code recording-control} route: each operation is prepared (checks, selection, the pending
 * state), sent to the recorders by the route, then completed (the stable state, the reply).
 * Also ends recordings when their side leaves the call or their recorders hang up.
 */
public final class RecordingControl implements CallListener {

    private static final Logger LOG = LoggerFactory.getLogger(RecordingControl.class);
    private static final String PENDING = "RecordingPending";
    /** The header recording-control.camel.yaml branches on: the request's AttrPrivateMsgID. */
    public static final String PRIVATE_MSG_ID_HEADER = Attr.PRIVATE_MSG_ID;

    private final SessionRegistry sessions;
    private final CallRegistry calls;
    private final RecordingRegistry recordings;
    private final RecordingFactory factory;
    private final AutomaticRecording automatic;
    private final RoutingDecisions decisions;
    private final RecorderGateway recorders;
    private final Consumer<Cause> automaticFailures;
    private final List<RecordingListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * {@code automaticFailures} is told of each automatic recording (full-time, routing) that did not
     * start (a meter).
     */
    public RecordingControl(SessionRegistry sessions, CallRegistry calls, RecordingRegistry recordings, RecordingFactory factory,
                            DnDirectory directory, RoutingDecisions decisions, RecorderGateway recorders,
                            Consumer<Cause> automaticFailures) {
        this.sessions = sessions;
        this.calls = calls;
        this.recordings = recordings;
        this.factory = factory;
        this.automatic = new AutomaticRecording(directory, decisions);
        this.decisions = decisions;
        this.recorders = recorders;
        this.automaticFailures = automaticFailures;
    }

    public void addListener(RecordingListener listener) {
        listeners.add(listener);
    }

    /** One operation in flight: each target recording, the state it came from and its pending state. */
    private record Pending(RecorderOperation operation, Call call, List<Target> targets) {
    }

    private record Target(Recording recording, RecordingState from, RecordingState pending) {
    }

    /** First step: the mandatory attributes (53) and the client's right to act for AttrThisDN (41). */
    public void admit(Exchange exchange) {
        TlibMessage request = request(exchange);
        // a header for the route's choice: cheaper than an OGNL call on the body per branch
        exchange.getMessage().setHeader(PRIVATE_MSG_ID_HEADER, request.require(Attr.PRIVATE_MSG_ID));
        String dn = request.require(Attr.THIS_DN);
        request.require(Attr.CONNECTION_ID);
        sessions.checkMayActFor(exchange.getProperty(TlibExchange.SESSION, ClientSession.class), dn);
    }

    /** The choice's last branch: an AttrPrivateMsgID that is not a recording operation. */
    public void unsupported(Exchange exchange) {
        throw new TlibException(ErrorCode.UNSUPPORTED_OPERATION, "AttrPrivateMsgID " + request(exchange).string(Attr.PRIVATE_MSG_ID)
                + " is not supported: send GSIP_RECORD_START, GSIP_RECORD_STOP, GSIP_RECORD_PAUSE or GSIP_RECORD_RESUME");
    }

    // --- START -------------------------------------------------------------------------------

    /** GSIP_RECORD_START: a new recording, Starting; returns the recorder request. */
    public List<RecorderRequest> start(Exchange exchange) {
        TlibMessage request = request(exchange);
        Call call = call(request);
        RecordingExtensions extensions = RecordingExtensions.parse(request.kvList(Attr.EXTENSIONS));
        String recordedDn = recordedDn(call, request.string(Attr.THIS_DN), extensions.side());
        ClientSession session = exchange.getProperty(TlibExchange.SESSION, ClientSession.class);
        Recording recording = factory.create(call, recordedDn, extensions.side(), Cause.REQUEST,
                new RequestedBy(session.applicationName(), request.string(Attr.THIS_DN), request.referenceId()), extensions);
        recording.transition(RecordingState.OFF, RecordingState.STARTING);
        pending(exchange, RecorderOperation.START, call, List.of(new Target(recording, RecordingState.OFF, RecordingState.STARTING)));
        TlibExchange.onFailure(exchange, () -> {
            recording.settle(RecordingState.STARTING, RecordingState.OFF);
            recordings.discard(recording);
        });
        return List.of(recorderRequest(RecorderOperation.START, recording, call, recording.destinations()));
    }

    private String recordedDn(Call call, String thisDn, Side side) {
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

    // --- PAUSE / RESUME / STOP ---------------------------------------------------------------

    /** GSIP_RECORD_PAUSE: the selected recordings that are On; 43 when none is. */
    public List<RecorderRequest> pause(Exchange exchange) {
        return nonEmpty(exchange, "On", "pause",
                prepare(exchange, RecorderOperation.PAUSE, RecordingState.ON, RecordingState.PAUSING));
    }

    /** GSIP_RECORD_RESUME: the selected recordings that are Paused; 43 when none is. */
    public List<RecorderRequest> resume(Exchange exchange) {
        return nonEmpty(exchange, "Paused", "resume",
                prepare(exchange, RecorderOperation.RESUME, RecordingState.PAUSED, RecordingState.RESUMING));
    }

    /** GSIP_RECORD_STOP: the selected recordings that are On or Paused; 43 when none is. */
    public List<RecorderRequest> stop(Exchange exchange) {
        List<RecorderRequest> requests = new ArrayList<>();
        requests.addAll(prepare(exchange, RecorderOperation.STOP, RecordingState.ON, RecordingState.STOPPING));
        requests.addAll(prepare(exchange, RecorderOperation.STOP, RecordingState.PAUSED, RecordingState.STOPPING));
        return nonEmpty(exchange, "On or Paused", "stop", requests);
    }

    private List<RecorderRequest> nonEmpty(Exchange exchange, String state, String operation, List<RecorderRequest> requests) {
        if (requests.isEmpty()) {
            throw nothingIn(exchange, state, operation);
        }
        return requests;
    }

    /** Moves the selected recordings that are in {@code from} to {@code to}; the others are left alone. */
    private List<RecorderRequest> prepare(Exchange exchange, RecorderOperation operation, RecordingState from,
                                          RecordingState to) {
        TlibMessage request = request(exchange);
        Call call = call(request);
        RecordingExtensions extensions = RecordingExtensions.parse(request.kvList(Attr.EXTENSIONS));
        List<RecorderRequest> requests = new ArrayList<>();
        List<Target> targets = new ArrayList<>();
        for (Recording recording : selected(call, request.string(Attr.THIS_DN), extensions)) {
            if (recording.state() != from) {
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
            targets.add(new Target(recording, from, to));
            TlibExchange.onFailure(exchange, () -> recording.settle(to, from));
            List<RecordingDestination> live = recording.liveDestinations();
            requests.add(recorderRequest(operation, recording, call, live.isEmpty() ? recording.destinations() : live));
        }
        Pending pending = exchange.getProperty(PENDING, Pending.class);
        List<Target> all = new ArrayList<>(pending == null ? List.of() : pending.targets());
        all.addAll(targets);
        pending(exchange, operation, call, all);
        return requests;
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

    private TlibException nothingIn(Exchange exchange, String state, String operation) {
        TlibMessage request = request(exchange);
        return new TlibException(ErrorCode.IN_SAME_STATE, "no selected recording of call "
                + request.string(Attr.CONNECTION_ID) + " is " + state + ", so there is nothing to " + operation
                + " (a recording waiting for its recorder takes no new request until it is answered)");
    }

    private static Map<String, Object> merged(Map<String, Object> current, Map<String, Object> update) {
        Map<String, Object> merged = new LinkedHashMap<>(current);
        merged.putAll(update);
        return merged;
    }

    // --- completion --------------------------------------------------------------------------

    /**
     * After the recorders answered (the body: one response per recorder request): settles each
     * recording and answers the client. A failed START or a failed PAUSE/RESUME changes nothing
     * (the error names the failure); STOP always ends the recording.
     */
    public TlibMessage completed(Exchange exchange) {
        Pending pending = exchange.getProperty(PENDING, Pending.class);
        Map<String, RecorderResponse> responses = responses(exchange);
        List<String> done = new ArrayList<>();
        TlibException failure = null;
        Map<String, Object> extensions = new LinkedHashMap<>();
        for (Target target : pending.targets()) {
            Recording recording = target.recording();
            RecorderResponse response = responses.get(recording.id());
            recording.recordResults(pending.operation(), response.results());
            boolean succeeded = pending.operation() == RecorderOperation.STOP || succeeded(response);
            boolean told = settle(recording, target.pending(), succeeded ? success(target.pending()) : target.from(),
                    succeeded ? endCause(pending.operation()) : null);
            if (succeeded) {
                done.add(recording.id());
                duplicateOutcome(response).forEach(extensions::putIfAbsent);
                if (pending.operation() == RecorderOperation.START && !told) {
                    stopEndedMeanwhile(recording, pending.call());
                }
            } else {
                failure = failure != null ? failure : failureOf(recording, response);
                if (pending.operation() == RecorderOperation.START) {
                    recordings.discard(recording);
                    tearDownDuplicate(recording, pending.call(), response);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        TlibMessage request = request(exchange);
        Map<String, Object> ack = new LinkedHashMap<>();
        ack.put("id", String.join(",", done));
        if (pending.operation() == RecorderOperation.START) {
            Recording recording = pending.targets().get(0).recording();
            ack.put("record", recording.side().wireName());
            ack.put("file", recording.fileName());
        }
        ack.putAll(extensions);
        return Replies.ack(request).with(Attr.PRIVATE_MSG_ID, request.get(Attr.PRIVATE_MSG_ID)).with(Attr.EXTENSIONS, ack);
    }

    private static RecordingState success(RecordingState pending) {
        return switch (pending) {
            case STARTING, RESUMING -> RecordingState.ON;
            case PAUSING -> RecordingState.PAUSED;
            default -> RecordingState.OFF;
        };
    }

    private static Cause endCause(RecorderOperation operation) {
        return operation == RecorderOperation.STOP ? Cause.REQUEST : null;
    }

    /** The primary decides; when only a duplicate was asked (the primary is gone), any success does. */
    private static boolean succeeded(RecorderResponse response) {
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

    private static TlibException failureOf(Recording recording, RecorderResponse response) {
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
                        + result.sipStatus() + detail + "; recording " + recording.id() + " is unchanged", extensions, false);
            }
            case TIMEOUT -> new TlibException(ErrorCode.TIMEOUT, "the recorder " + result.uri()
                    + " did not answer in time; recording " + recording.id() + " is unchanged", extensions, false);
            default -> new TlibException(ErrorCode.OUT_OF_SERVICE, "the recorder " + result.uri() + " cannot be reached"
                    + detail + "; recording " + recording.id() + " is unchanged", extensions, false);
        };
    }

    /** A START whose primary failed must not leave its duplicate recording on its own. */
    private void tearDownDuplicate(Recording recording, Call call, RecorderResponse response) {
        response.result(DestinationRole.DUPLICATE).filter(r -> r.status() == DestinationStatus.ESTABLISHED).ifPresent(result ->
                recorders.send(recorderRequest(RecorderOperation.STOP, recording, call,
                        recording.destination(DestinationRole.DUPLICATE).stream().toList())));
    }

    /**
     * A recording whose side left the call (or whose call ended) while its recorder was still
     * answering the START was ended Starting, with no dialog to stop yet; the dialogs the recorder
     * has just set up must not stay.
     */
    private void stopEndedMeanwhile(Recording recording, Call call) {
        List<RecordingDestination> live = recording.liveDestinations();
        if (!live.isEmpty()) {
            LOG.info("{} ended while its recorder was answering the start: stopping it", recording);
            recorders.send(recorderRequest(RecorderOperation.STOP, recording, call, live));
        }
    }

    /** Settles a pending operation and tells the listeners; false when there was nothing to tell (ended meanwhile). */
    private boolean settle(Recording recording, RecordingState expected, RecordingState next, Cause cause) {
        if (cause != null) {
            recording.endedBy(cause);
        }
        Optional<StateChange> change = recording.settle(expected, next);
        change.ifPresent(stateChange -> changed(recording, stateChange,
                next == RecordingState.OFF ? recording.endCause() : recording.startCause()));
        return change.isPresent();
    }

    private void changed(Recording recording, StateChange change, Cause cause) {
        LOG.debug("{}: {} → {} ({})", recording, change.previous().wireName(), change.next().wireName(), cause.wireName());
        calls.find(recording.connectionId()).ifPresent(call ->
                listeners.forEach(listener -> listener.recordingChanged(call, recording, change, cause)));
    }

    // --- recorder- and call-initiated endings ------------------------------------------------

    /** A recorder ended a destination on its own; with none left the recording is Off (recorder-failure). */
    public void recorderEvent(RecorderEvent event) {
        recordings.find(event.recordingId()).ifPresent(recording -> {
            LOG.warn("{}: the recorder {} ended its destination ({})", recording, event.uri(), event.reason());
            if (recording.destinationEnded(event.role(), event.sipStatus())) {
                recording.end(Cause.RECORDER_FAILURE).ifPresent(change -> changed(recording, change, Cause.RECORDER_FAILURE));
            }
        });
    }

    /**
     * RECORDING.md §2: a recording of a side that left the call stops (the agent transferred away);
     * when the call ends, every recording of it stops. Then what the change starts or ends by
     * itself (§1: full-time DNs, routing decisions, a Trunk's recording once an agent has the call).
     */
    @Override
    public void callChanged(CallChange change) {
        Call call = change.call();
        if (change.renumbered()) {
            recordings.moveCall(change.previousConnectionId(), call.connectionId());
            decisions.moveCall(change.previousConnectionId(), call.connectionId());
        }
        List<Recording> ofCall = change.ended() ? recordings.ofCall(call.connectionId()) : recordings.ofCall(call.connectionId())
                .stream().filter(r -> change.left().contains(r.recordedDn())).toList();
        Cause cause = change.ended() || change.joined().isEmpty() ? Cause.CALL_RELEASED : Cause.TRANSFER;
        ofCall.forEach(recording -> end(recording, call, cause));
        if (change.ended()) {
            recordings.removeCall(call.connectionId());
            decisions.forget(call.connectionId());
            return;
        }
        AutomaticRecording.Plan plan = automatic.plan(change, recordings.ofCall(call.connectionId()));
        plan.ends().forEach(recording -> end(recording, call, Cause.TRANSFER));
        plan.starts().forEach(start -> startAutomatically(call, start));
    }

    /** Ends a recording that is not Off yet, and its dialogs (a recording ended earlier was stopped then). */
    private void end(Recording recording, Call call, Cause cause) {
        if (recording.state() == RecordingState.OFF) {
            return;
        }
        List<RecordingDestination> live = recording.liveDestinations();
        recording.end(cause).ifPresent(stateChange -> changed(recording, stateChange, cause));
        if (!live.isEmpty()) {
            recorders.send(recorderRequest(RecorderOperation.STOP, recording, call, live))
                    .thenAccept(response -> recording.recordResults(RecorderOperation.STOP, response.results()));
        }
    }

    // --- automatic starts (full-time, routing) --------------------------------------------------

    /** Starts a recording no client is waiting for: the outcome goes to the log, the meter and the indications. */
    private void startAutomatically(Call call, AutomaticRecording.Start start) {
        Recording recording;
        try {
            recording = createAutomatic(call, start);
        } catch (TlibException refused) {
            LOG.warn("{}: no {} recording of {}: {}", call, start.cause().wireName(), start.dn(), refused.getMessage());
            automaticFailures.accept(start.cause());
            return;
        }
        recording.transition(RecordingState.OFF, RecordingState.STARTING);
        LOG.debug("{}: starting ({})", recording, start.cause().wireName());
        recorders.send(recorderRequest(RecorderOperation.START, recording, call, recording.destinations()))
                .whenComplete((response, error) -> automaticStartAnswered(recording, call, response, error));
    }

    /** A routing decision's id that is taken by now does not cost the recording: it gets a generated one. */
    private Recording createAutomatic(Call call, AutomaticRecording.Start start) {
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

    private void automaticStartAnswered(Recording recording, Call call, RecorderResponse response, Throwable error) {
        if (error == null) {
            recording.recordResults(RecorderOperation.START, response.results());
        }
        if (error == null && succeeded(response)) {
            if (!settle(recording, RecordingState.STARTING, RecordingState.ON, null)) {
                stopEndedMeanwhile(recording, call);
            }
            return;
        }
        String why = error != null ? error.toString() : failureOf(recording, response).getMessage();
        LOG.warn("{}: the {} recording did not start: {}", recording, recording.startCause().wireName(), why);
        automaticFailures.accept(recording.startCause());
        recording.settle(RecordingState.STARTING, RecordingState.OFF);
        recordings.discard(recording);
        if (response != null) {
            tearDownDuplicate(recording, call, response);
        }
    }

    // --- helpers -----------------------------------------------------------------------------

    private static TlibMessage request(Exchange exchange) {
        return exchange.getProperty(TlibExchange.REQUEST, TlibMessage.class);
    }

    private Call call(TlibMessage request) {
        String connectionId = request.require(Attr.CONNECTION_ID);
        return calls.find(connectionId).orElseThrow(() -> new TlibException(ErrorCode.INVALID_CONNECTION_ID,
                "no call " + connectionId + " is known to the gateway (the switch feed has not established it)"));
    }

    private static void pending(Exchange exchange, RecorderOperation operation, Call call, List<Target> targets) {
        exchange.setProperty(PENDING, new Pending(operation, call, List.copyOf(targets)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, RecorderResponse> responses(Exchange exchange) {
        List<RecorderResponse> list = exchange.getMessage().getBody(List.class);
        return list.stream().collect(Collectors.toMap(RecorderResponse::recordingId, r -> r, (a, b) -> a));
    }

    static RecorderRequest recorderRequest(RecorderOperation operation, Recording recording, Call call,
                                           List<RecordingDestination> destinations) {
        List<Participant> participants = call.parties().stream()
                .map(dn -> new Participant(dn, null, dn.equals(recording.recordedDn()))).toList();
        RecordingSessionSpec spec = new RecordingSessionSpec(recording.id(), recording.connectionId(), call.callUuid(),
                recording.recordedDn(), recording.side().wireName(), participants, recording.params(),
                recording.fileName(), recording.requestedAt());
        List<RecorderDestination> targets = destinations.stream()
                .map(d -> new RecorderDestination(operation == RecorderOperation.START ? d.candidates() : List.of(d.uri()),
                        d.role(), d.dialect()))
                .toList();
        return new RecorderRequest(operation, spec, targets);
    }
}
