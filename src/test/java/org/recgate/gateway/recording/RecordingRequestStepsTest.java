package org.recgate.gateway.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.recgate.call.CallRegistry;
import org.recgate.gateway.TlibExchange;
import org.recgate.gateway.session.Registrations;
import org.recgate.gateway.session.ServerInfo;
import org.recgate.recording.CallRecordingData;
import org.recgate.recording.FileNameTemplate;
import org.recgate.recording.OperationCompletion;
import org.recgate.recording.PendingOperation;
import org.recgate.recording.RecorderPolicy;
import org.recgate.recording.RecorderTask;
import org.recgate.recording.RecordingChange;
import org.recgate.recording.RecordingEndings;
import org.recgate.recording.RecordingFactory;
import org.recgate.recording.RecordingRegistry;
import org.recgate.recording.RecordingRequests;
import org.recgate.recording.RecordingState;
import org.recgate.recording.RoutingDecisions;
import org.recgate.testing.TestConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.recgate.session.DnLimit;
import org.recgate.session.LimitHits;
import org.recgate.support.Meters;
import org.recgate.config.DnDirectory;
import org.recgate.config.DnFile;
import org.recgate.sip.DestinationResult;
import org.recgate.sip.DestinationRole;
import org.recgate.sip.DestinationStatus;
import org.recgate.sip.Dialect;
import org.recgate.sip.RecorderRequest;
import org.recgate.sip.RecorderResponse;
import org.recgate.tlib.model.Attr;
import org.recgate.tlib.model.ErrorCode;
import org.recgate.tlib.model.RegisterMode;
import org.recgate.tlib.model.TlibException;
import org.recgate.tlib.model.TlibMessage;
import org.recgate.session.ClientSession;
import org.recgate.gateway.session.Registrations;
import org.recgate.gateway.session.ServerInfo;
import org.recgate.session.LoginThrottle;
import org.recgate.session.SessionRegistry;
import org.recgate.support.Meters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.recgate.gateway.TlibExchange;
import org.recgate.userevent.ScreenCaptureStates;

/**
 * The recording state machine through the recording-control route's steps, table-driven: every request in every
 * state, with the recorder succeeding and failing; a refused or failed request changes nothing.
 * The recorder's answers are given directly here; the SIP side is tested end to end with sipp.
 */
class RecordingRequestStepsTest {

    private static final String CONN = "00000000000000c1";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T09:30:00Z"), ZoneOffset.UTC);

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final SessionRegistry sessions = new SessionRegistry();
    private final CallRegistry calls = new CallRegistry(CLOCK);
    private final RecordingRegistry recordings = new RecordingRegistry(1000, new RecordingRegistry.Limits(8, 8), () -> { });
    private final List<RecorderRequest> sentOutside = new ArrayList<>();
    private final List<String> indications = new ArrayList<>();
    private RecordingRequestSteps control;
    private RecordingEndings endings;
    private ClientSession desktop;

    @BeforeEach
    void setUp() {
        DnDirectory directory = new DnDirectory(DnFile.parse(new ByteArrayInputStream(
                "applications:\n  desktop: {roles: [desktop]}\n".getBytes(StandardCharsets.UTF_8)), "test"));
        RecordingFactory factory = new RecordingFactory(recordings,
                new RecorderPolicy(List.of("sip:srs@rec.example.com"), Dialect.SIPREC, List.of("*.example.com"), "udp"),
                directory, new FileNameTemplate(FileNameTemplate.DEFAULT, "gw1", ZoneOffset.UTC), CLOCK);
        control = new RecordingRequestSteps(sessions, new RecordingRequests(calls, recordings, factory),
                new OperationCompletion(recordings, calls));
        endings = new RecordingEndings(calls, recordings, factory, directory, new RoutingDecisions(100),
                new org.recgate.recording.RecordingRestore(calls, recordings), cause -> { });
        desktop = sessions.open(new TestConnection());
        new Registrations(sessions, directory, new ServerInfo("t", "1", 1), new ScreenCaptureStates(),
                new LoginThrottle(new LoginThrottle.Limits(5, Duration.ofMinutes(1), Duration.ofMinutes(1)), CLOCK),
                new DnLimit(10, Map.of(), new LimitHits(new Meters(new SimpleMeterRegistry()))), new Meters(new SimpleMeterRegistry()))
                .registerClient(desktop, TlibMessage.of("RequestRegisterClient").with(Attr.REFERENCE_ID, 1)
                        .with(Attr.APPLICATION_NAME, "desktop"));
        sessions.register(desktop, "1001", RegisterMode.SHARE);
        endings.callChanged(calls.established(CONN, "1001", "5000", "UUID1", "+15551234", "800"));
    }

    /** What the route recording-outcome does with the changes and tasks a step left on the exchange. */
    @SuppressWarnings("unchecked")
    private void outcome(Exchange exchange) {
        List<RecordingChange> changes = exchange.getProperty(RecordingOutcomes.CHANGES, List.class);
        List<RecorderTask> tasks = exchange.getProperty(RecordingOutcomes.TASKS, List.class);
        indicate(changes == null ? List.of() : changes);
        (tasks == null ? List.<RecorderTask>of() : tasks).forEach(task -> sentOutside.add(task.request()));
    }

    private void indicate(List<RecordingChange> changes) {
        for (RecordingChange change : changes) {
            // the indication route's first step
            CallRecordingData.update(change.call(), recordings, change.recording(), change.change());
            indications.add(change.change().previous().wireName() + ">" + change.change().next().wireName() + ":"
                    + change.cause().wireName());
        }
    }

    /** The recorders answered: the completed step, the outcome, the reply, as the route runs them. */
    private TlibMessage complete(Exchange exchange, List<RecorderResponse> responses) {
        control.completed(exchange, exchange.getProperty(RecordingRequestSteps.PENDING, PendingOperation.class), responses);
        outcome(exchange);
        return control.reply(exchange.getProperty(TlibExchange.REQUEST, TlibMessage.class),
                exchange.getProperty(RecordingRequestSteps.COMPLETION, org.recgate.recording.Completion.class));
    }

    private Exchange exchange(String privateMsgId, Map<String, Object> extensions) {
        TlibMessage request = TlibMessage.of("RequestPrivateService").with(Attr.REFERENCE_ID, 7)
                .with(Attr.PRIVATE_MSG_ID, privateMsgId).with(Attr.THIS_DN, "1001").with(Attr.CONNECTION_ID, CONN)
                .with(Attr.EXTENSIONS, extensions);
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(TlibExchange.SESSION, desktop);
        exchange.setProperty(TlibExchange.REQUEST, request);
        exchange.getMessage().setBody(request);
        return exchange;
    }

    /** Runs one operation like the route does; the recorder answers every request with {@code status}. */
    private TlibMessage run(String operation, DestinationStatus status, Map<String, Object> extensions) {
        Exchange exchange = exchange(operation, extensions);
        control.admit(exchange);
        List<RecorderRequest> requests = switch (operation) {
            case "GSIP_RECORD_START" -> control.start(exchange);
            case "GSIP_RECORD_PAUSE" -> control.pause(exchange);
            case "GSIP_RECORD_RESUME" -> control.resume(exchange);
            default -> control.stop(exchange);
        };
        try {
            return complete(exchange, requests.stream().map(r -> answer(r, status)).toList());
        } catch (TlibException e) {
            TlibExchange.undo(exchange); // what tlib-errors does first
            throw e;
        }
    }

    private static RecorderResponse answer(RecorderRequest request, DestinationStatus status) {
        Integer sip = sipStatus(status);
        return new RecorderResponse(request.operation(), request.session().recordingId(), request.destinations().stream()
                .map(d -> new DestinationResult(d.uri(), d.role(), d.dialect(), status, sip, null, null)).toList());
    }

    private static Integer sipStatus(DestinationStatus status) {
        if (status == DestinationStatus.REJECTED) {
            return 486;
        }
        return status.succeeded() ? 200 : null;
    }

    private RecordingState stateOfTheRecording() {
        return recordings.ofCall(CONN).isEmpty() ? RecordingState.OFF : recordings.ofCall(CONN).get(0).state();
    }

    /** Brings the call's recording of 1001 into a stable state. */
    private void bringTo(RecordingState state) {
        if (state == RecordingState.OFF) {
            return;
        }
        run("GSIP_RECORD_START", DestinationStatus.ESTABLISHED, Map.of());
        if (state == RecordingState.PAUSED) {
            run("GSIP_RECORD_PAUSE", DestinationStatus.ESTABLISHED, Map.of());
        }
        assertEquals(state, stateOfTheRecording());
    }

    static Stream<Arguments> everyRequestInEveryState() {
        // state before, request, recorder outcome, state after (or the error code)
        return Stream.of(
                Arguments.of("OFF", "GSIP_RECORD_START", "ESTABLISHED", "ON"),
                Arguments.of("OFF", "GSIP_RECORD_START", "REJECTED", "2005"),
                Arguments.of("OFF", "GSIP_RECORD_START", "TIMEOUT", "57"),
                Arguments.of("OFF", "GSIP_RECORD_START", "UNREACHABLE", "58"),
                Arguments.of("OFF", "GSIP_RECORD_PAUSE", "ESTABLISHED", "43"),
                Arguments.of("OFF", "GSIP_RECORD_RESUME", "ESTABLISHED", "43"),
                Arguments.of("OFF", "GSIP_RECORD_STOP", "ESTABLISHED", "43"),
                Arguments.of("ON", "GSIP_RECORD_START", "ESTABLISHED", "43"),
                Arguments.of("ON", "GSIP_RECORD_PAUSE", "ESTABLISHED", "PAUSED"),
                Arguments.of("ON", "GSIP_RECORD_PAUSE", "REJECTED", "2005"),
                Arguments.of("ON", "GSIP_RECORD_PAUSE", "TIMEOUT", "57"),
                Arguments.of("ON", "GSIP_RECORD_RESUME", "ESTABLISHED", "43"),
                Arguments.of("ON", "GSIP_RECORD_STOP", "ENDED", "OFF"),
                Arguments.of("ON", "GSIP_RECORD_STOP", "TIMEOUT", "OFF"),
                Arguments.of("PAUSED", "GSIP_RECORD_START", "ESTABLISHED", "43"),
                Arguments.of("PAUSED", "GSIP_RECORD_PAUSE", "ESTABLISHED", "43"),
                Arguments.of("PAUSED", "GSIP_RECORD_RESUME", "ESTABLISHED", "ON"),
                Arguments.of("PAUSED", "GSIP_RECORD_RESUME", "REJECTED", "2005"),
                Arguments.of("PAUSED", "GSIP_RECORD_RESUME", "UNREACHABLE", "58"),
                Arguments.of("PAUSED", "GSIP_RECORD_STOP", "ENDED", "OFF"));
    }

    @ParameterizedTest(name = "{0} + {1} ({2}) → {3}")
    @MethodSource("everyRequestInEveryState")
    void requestInState(String before, String request, String outcome, String expected) {
        bringTo(RecordingState.valueOf(before));
        RecordingState stateBefore = stateOfTheRecording();
        int indicationsBefore = indications.size();
        if (expected.matches("\\d+")) {
            TlibException error = assertThrows(TlibException.class,
                    () -> run(request, DestinationStatus.valueOf(outcome), Map.of()));
            assertEquals(Integer.parseInt(expected), error.errorCode().code(), error.getMessage());
            assertEquals(stateBefore, stateOfTheRecording(), "a refused or failed request changes nothing");
            assertEquals(indicationsBefore, indications.size(), "and tells nobody of a change");
        } else {
            TlibMessage ack = run(request, DestinationStatus.valueOf(outcome), Map.of());
            assertEquals("EventACK", ack.name());
            assertEquals(7L, ack.referenceId());
            assertEquals(RecordingState.valueOf(expected), stateOfTheRecording());
            assertEquals(recordings.ofCall(CONN).get(0).id(), ack.kvList(Attr.EXTENSIONS).get("id"));
            assertEquals(indicationsBefore + 1, indications.size(), "one indication per state change");
        }
    }

    @Test
    void aRecorderFailureSaysWhatBecomesOfTheRecording() {
        TlibException start = assertThrows(TlibException.class, () -> run("GSIP_RECORD_START", DestinationStatus.TIMEOUT, Map.of()));
        assertEquals(ErrorCode.TIMEOUT, start.errorCode());
        assertTrue(start.getMessage().matches(".*did not answer in time; recording \\S+ goes Off"), start.getMessage());
        bringTo(RecordingState.ON);
        TlibException pause = assertThrows(TlibException.class, () -> run("GSIP_RECORD_PAUSE", DestinationStatus.TIMEOUT, Map.of()));
        assertTrue(pause.getMessage().endsWith(" stays On"), pause.getMessage());
        TlibException refused = assertThrows(TlibException.class, () -> run("GSIP_RECORD_PAUSE", DestinationStatus.REJECTED, Map.of()));
        assertTrue(refused.getMessage().endsWith(" stays On") && !refused.getMessage().contains("unchanged"), refused.getMessage());
    }

    @Test
    void aQueryShowsAStartThatIsPending() {
        control.start(exchange("GSIP_RECORD_START", Map.of()));
        assertEquals(RecordingState.STARTING, stateOfTheRecording());
        TlibMessage info = new CallQuery(calls, recordings).query(desktop, TlibMessage.of("RequestQueryCall")
                .with(Attr.REFERENCE_ID, 9).with(Attr.CONNECTION_ID, CONN));
        Map<String, Object> extensions = info.kvList(Attr.EXTENSIONS);
        @SuppressWarnings("unchecked")
        Map<String, Object> recording = (Map<String, Object>) ((Map<String, Object>) extensions.get("recordings"))
                .get(recordings.ofCall(CONN).get(0).id());
        assertEquals("Starting", recording.get("state"), "not Off while the recorder has not answered");
        assertEquals("Starting", ((Map<?, ?>) extensions.get("parties")).get("1001"));
        assertEquals("Off", info.kvList(Attr.USER_DATA).get("GSIP_RECORD"), "GSIP_RECORD stays the last stable state");
    }

    @Test
    void aRequestWhileTheRecorderHasNotAnsweredIs43() {
        bringTo(RecordingState.ON);
        Exchange pausing = exchange("GSIP_RECORD_PAUSE", Map.of());
        control.pause(pausing);
        assertEquals(RecordingState.PAUSING, stateOfTheRecording());
        for (String request : List.of("GSIP_RECORD_PAUSE", "GSIP_RECORD_RESUME", "GSIP_RECORD_STOP", "GSIP_RECORD_START")) {
            TlibException error = assertThrows(TlibException.class, () -> run(request, DestinationStatus.ESTABLISHED, Map.of()));
            assertEquals(ErrorCode.IN_SAME_STATE, error.errorCode(), request);
        }
        TlibExchange.undo(pausing); // the pause fails inside the gateway
        assertEquals(RecordingState.ON, stateOfTheRecording(), "rolled back to where it was");
    }

    @Test
    void gsipRecordAndFileNameFollowTheRecording() {
        run("GSIP_RECORD_START", DestinationStatus.ESTABLISHED, Map.of("id", "rec-1"));
        var call = calls.find(CONN).orElseThrow();
        assertEquals("On", call.userData().get("GSIP_RECORD"));
        assertEquals("UUID1_1001__15551234_800_2026-11-22_09-30-00_gw1", call.userData().get("GSIP_REC_FN"));
        run("GSIP_RECORD_PAUSE", DestinationStatus.ESTABLISHED, Map.of());
        assertEquals("Paused", call.userData().get("GSIP_RECORD"));
        run("GSIP_RECORD_STOP", DestinationStatus.ENDED, Map.of());
        assertEquals("Off", call.userData().get("GSIP_RECORD"));
        assertEquals(List.of("Off>On:request", "On>Paused:request", "Paused>Off:request"), indications);
    }

    @Test
    void recordDestinationRecordsTheOtherPartyAndIdsAreUnique() {
        TlibMessage ack = run("GSIP_RECORD_START", DestinationStatus.ESTABLISHED, Map.of("record", "destination", "id", "x1"));
        assertEquals("destination", ack.kvList(Attr.EXTENSIONS).get("record"));
        assertEquals("5000", recordings.find("x1").orElseThrow().recordedDn());
        TlibException duplicate = assertThrows(TlibException.class,
                () -> run("GSIP_RECORD_START", DestinationStatus.ESTABLISHED, Map.of("id", "x1")));
        assertEquals(ErrorCode.DUPLICATE_RECORDING_ID, duplicate.errorCode());
        TlibMessage second = run("GSIP_RECORD_START", DestinationStatus.ESTABLISHED, Map.of("Record", "SOURCE"));
        assertTrue(!"x1".equals(second.kvList(Attr.EXTENSIONS).get("id")), "a generated id");
        assertEquals(2, recordings.ofCall(CONN).size());
    }

    @Test
    void callReleaseEndsEveryRecordingAndTellsTheRecorder() {
        run("GSIP_RECORD_START", DestinationStatus.ESTABLISHED, Map.of());
        var released = endings.callChanged(calls.released(CONN, "1001").orElseThrow());
        indicate(released.changes());
        released.tasks().forEach(task -> sentOutside.add(task.request()));
        assertEquals(RecordingState.OFF, recordings.ofCall(CONN).get(0).state(), "the recorded side left");
        assertEquals(1, sentOutside.size());
        assertEquals(org.recgate.sip.RecorderOperation.STOP, sentOutside.get(0).operation());
        endings.callChanged(calls.released(CONN, "5000").orElseThrow());
        assertTrue(recordings.ofCall(CONN).isEmpty(), "the call ended, its recordings are forgotten");
        assertEquals(List.of("Off>On:request", "On>Off:call-released"), indications);
    }

    @Test
    void failedDuplicateIsReportedInTheAck() {
        Exchange exchange = exchange("GSIP_RECORD_START", Map.of("dest2", "sip:dup@rec2.example.com"));
        control.admit(exchange);
        List<RecorderRequest> requests = control.start(exchange);
        RecorderRequest request = requests.get(0);
        assertEquals(2, request.destinations().size());
        TlibMessage ack = complete(exchange, List.of(new RecorderResponse(request.operation(), request.session().recordingId(), List.of(
                new DestinationResult("sip:srs@rec.example.com", DestinationRole.PRIMARY, Dialect.SIPREC, DestinationStatus.ESTABLISHED, 200, null, null),
                new DestinationResult("sip:dup@rec2.example.com", DestinationRole.DUPLICATE, Dialect.SIPREC, DestinationStatus.REJECTED, 503, null, null)))));
        assertEquals("rejected", ack.kvList(Attr.EXTENSIONS).get("dest2-status"));
        assertEquals(503L, ack.kvList(Attr.EXTENSIONS).get("dest2-sip-status"));
        assertEquals(RecordingState.ON, stateOfTheRecording());
    }

    @Test
    void badExtensionsAre53AndDestinationsOutsideTheAllowlist2004() {
        for (Map<String, Object> bad : List.of(Map.<String, Object>of("record", "both"), Map.<String, Object>of("dest", "http://x"),
                Map.<String, Object>of("params", "novalue"), Map.<String, Object>of("id", "has space"), Map.<String, Object>of("dest2", 5L))) {
            TlibException error = assertThrows(TlibException.class, () -> run("GSIP_RECORD_START", DestinationStatus.ESTABLISHED, bad));
            assertEquals(ErrorCode.INVALID_ATTRIBUTE, error.errorCode(), bad.toString());
        }
        TlibException outside = assertThrows(TlibException.class,
                () -> run("GSIP_RECORD_START", DestinationStatus.ESTABLISHED, Map.of("dest", "sip:evil@attacker.net")));
        assertEquals(ErrorCode.DESTINATION_NOT_ALLOWED, outside.errorCode());
        assertTrue(recordings.ofCall(CONN).isEmpty(), "nothing was created");
    }

    @Test
    void unknownCallIs56AndUnregisteredDnIs41() {
        Exchange unknown = exchange("GSIP_RECORD_START", Map.of());
        ((TlibMessage) unknown.getProperty(TlibExchange.REQUEST)).with(Attr.CONNECTION_ID, "00000000000000ff");
        assertEquals(ErrorCode.INVALID_CONNECTION_ID, assertThrows(TlibException.class, () -> control.start(unknown)).errorCode());
        Exchange other = exchange("GSIP_RECORD_START", Map.of());
        ((TlibMessage) other.getProperty(TlibExchange.REQUEST)).with(Attr.THIS_DN, "1002");
        assertEquals(ErrorCode.NOT_REGISTERED, assertThrows(TlibException.class, () -> control.admit(other)).errorCode());
    }
}
