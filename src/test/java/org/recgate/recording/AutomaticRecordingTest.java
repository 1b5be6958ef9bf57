package org.recgate.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recgate.call.CallRegistry;
import org.recgate.config.DnDirectory;
import org.recgate.config.DnFile;
import org.recgate.sip.DestinationResult;
import org.recgate.sip.DestinationStatus;
import org.recgate.sip.Dialect;
import org.recgate.sip.RecorderOperation;
import org.recgate.sip.RecorderRequest;
import org.recgate.sip.RecorderResponse;

/**
 * Full-time DNs, Trunks, routing decisions, transfers and release (docs/recording.md §1–2) through
 * RecordingControl, with the recorder's answers given here (end to end with sipp: AutomaticRecordingIT).
 */
class AutomaticRecordingTest {

    private static final String CONN = "00000000000000a1";
    private static final String CUSTOMER = "+15551234";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T09:30:00Z"), ZoneOffset.UTC);
    private static final String DNS = """
            dns:
              "1001": {type: Extension, record: true}
              "1002": {type: Extension, record: true}
              "1003": {type: Extension}
              "5000": {type: Trunk, record: true}
              "6000": {type: VoiceTreatmentPort}
            """;

    private final CallRegistry calls = new CallRegistry(CLOCK);
    private final RecordingRegistry recordings = new RecordingRegistry(1000, new RecordingRegistry.Limits(8, 8), () -> { });
    private final RoutingDecisions decisions = new RoutingDecisions(100);
    private final List<Sent> sent = new ArrayList<>();
    private final List<String> indications = new ArrayList<>();
    private final List<Cause> failures = new ArrayList<>();

    private RecordingEndings endings;

    /** A recorder request the gateway sent on its own (route recorder-request), and whether it was answered. */
    private static final class Sent {
        private final RecorderTask task;
        private boolean answered;

        Sent(RecorderTask task) {
            this.task = task;
        }

        RecorderRequest request() {
            return task.request();
        }
    }

    /** What the route recording-outcome does: each change indicated, each task sent. */
    private void apply(RecordingOutcome outcome) {
        outcome.changes().forEach(change -> indications.add(change.recording().recordedDn() + " "
                + change.change().previous().wireName() + ">" + change.change().next().wireName() + ":"
                + change.cause().wireName()));
        outcome.tasks().forEach(task -> sent.add(new Sent(task)));
    }

    /** The recorder answers a task with {@code status} (route recorder-request, answered step). */
    private void answer(Sent sent, DestinationStatus status) {
        sent.answered = true;
        RecorderRequest request = sent.request();
        apply(endings.answered(sent.task, new RecorderResponse(request.operation(), request.session().recordingId(),
                request.destinations().stream().map(d -> new DestinationResult(d.uri(), d.role(), d.dialect(), status,
                        status == DestinationStatus.REJECTED ? 503 : 200, null, null)).toList()), null));
    }

    private void established(String connectionId, String thisDn, String otherDn, String callUuid, String ani, String dnis) {
        apply(endings.callChanged(calls.established(connectionId, thisDn, otherDn, callUuid, ani, dnis)));
    }

    private void partyChanged(String connectionId, String previousConnectionId, String thisDn, String otherDn) {
        calls.partyChanged(connectionId, previousConnectionId, thisDn, otherDn).map(endings::callChanged).ifPresent(this::apply);
    }

    private void released(String connectionId, String thisDn) {
        calls.released(connectionId, thisDn).map(endings::callChanged).ifPresent(this::apply);
    }

    @BeforeEach
    void setUp() {
        DnDirectory directory = new DnDirectory(DnFile.parse(new ByteArrayInputStream(DNS.getBytes(StandardCharsets.UTF_8)), "test"));
        RecordingFactory factory = new RecordingFactory(recordings,
                new RecorderPolicy(List.of("sip:srs@rec.example.com"), Dialect.SIPREC, List.of("*.example.com"), "udp"),
                directory, new FileNameTemplate(FileNameTemplate.DEFAULT, "gw1", ZoneOffset.UTC), CLOCK);
        endings = new RecordingEndings(calls, recordings, factory, directory, decisions, new RecordingRestore(calls, recordings),
                failures::add);
    }

    private List<String> sentFor(RecorderOperation operation) {
        return sent.stream().filter(s -> s.request().operation() == operation)
                .map(s -> s.request().session().recordedDn()).toList();
    }

    private void answerStarts(DestinationStatus status) {
        List.copyOf(sent).stream().filter(s -> s.request().operation() == RecorderOperation.START && !s.answered)
                .forEach(s -> answer(s, status));
    }

    private Recording recordingOf(String dn) {
        return recordings.ofCall(CONN).stream().filter(r -> r.recordedDn().equals(dn)).reduce((a, b) -> b).orElseThrow();
    }

    private void route(String target, String record) {
        decisions.remember(new RoutingDecision(CONN, "7000", target,
                RoutingExtensions.parse(Map.of("record", record)), new RequestedBy("urs", "7000", 9L)));
    }

    @Test
    void aFullTimeDnIsRecordedWhileOnTheCall() {
        established(CONN, "1001", CUSTOMER, "UUID", CUSTOMER, "800");
        assertEquals(List.of("1001"), sentFor(RecorderOperation.START));
        answerStarts(DestinationStatus.ESTABLISHED);
        assertEquals(RecordingState.ON, recordingOf("1001").state());
        assertEquals(Cause.FULL_TIME, recordingOf("1001").startCause());
        released(CONN, "1001");
        assertEquals(List.of("1001"), sentFor(RecorderOperation.STOP));
        assertEquals(List.of("1001 Off>On:full-time", "1001 On>Off:call-released"), indications);
    }

    @Test
    void aDnWithoutRecordIsNotRecorded() {
        established(CONN, "1003", CUSTOMER, null, null, null);
        assertTrue(sent.isEmpty());
    }

    @Test
    void aTrunkRecordsTheCustomerUntilAnAgentHasTheCall() {
        established(CONN, "5000", "6000", null, null, null); // customer in the IVR
        assertEquals(List.of("5000"), sentFor(RecorderOperation.START));
        answerStarts(DestinationStatus.ESTABLISHED);
        partyChanged(CONN, null, "1003", "6000"); // the IVR hands the call to an agent
        assertEquals(RecordingState.OFF, recordingOf("5000").state());
        assertEquals(List.of("5000"), sentFor(RecorderOperation.STOP));
        assertEquals(List.of("5000 Off>On:full-time", "5000 On>Off:transfer"), indications);
    }

    @Test
    void aTrunkJoiningACallAnAgentHasIsNotRecorded() {
        established(CONN, "1003", "5000", null, null, null); // an agent's outbound call
        assertTrue(sent.isEmpty());
    }

    @Test
    void routingRecordsTheDestinationOnceTheCallIsEstablishedThere() {
        route("1003", "destination");
        established(CONN, CUSTOMER, "7000", null, null, null);
        assertTrue(sent.isEmpty(), "not before the target has the call");
        partyChanged(CONN, null, "1003", "7000");
        assertEquals(List.of("1003"), sentFor(RecorderOperation.START));
        answerStarts(DestinationStatus.ESTABLISHED);
        Recording recording = recordingOf("1003");
        assertEquals(Cause.ROUTING, recording.startCause());
        assertEquals(Side.DESTINATION, recording.side());
        assertEquals("urs", recording.requestedBy().application());
    }

    @Test
    void routingRecordsTheSourceTheCustomerSide() {
        route("1003", "source");
        established(CONN, "1003", CUSTOMER, null, null, null);
        assertEquals(List.of(CUSTOMER), sentFor(RecorderOperation.START));
    }

    @Test
    void disableDestinationKeepsAFullTimeAgentFromBeingRecordedInThisCallOnly() {
        route("1001", "disable_destination");
        established(CONN, "1001", CUSTOMER, null, null, null);
        assertTrue(sent.isEmpty());
        partyChanged(CONN, null, "1002", "1001");
        partyChanged(CONN, null, "1001", "1002"); // back to 1001 in the same call: still disabled
        assertEquals(List.of("1002"), sentFor(RecorderOperation.START));
        released(CONN, "1001");
        released(CONN, CUSTOMER);
        established("00000000000000a2", "1001", CUSTOMER, null, null, null);
        assertEquals(List.of("1002", "1001"), sentFor(RecorderOperation.START), "the next call records 1001 again");
    }

    @Test
    void disableSourceKeepsTheCallerFromBeingRecorded() {
        route("1003", "disable_source");
        established(CONN, "1003", "1001", null, null, null); // 1001 (full-time) calls 1003
        assertTrue(sent.isEmpty());
    }

    @Test
    void aTransferEndsTheAgentsRecordingAndKeepsTheCustomers() {
        route("1001", "source");
        established(CONN, "1001", CUSTOMER, null, null, null); // full-time 1001 + routed customer side
        assertEquals(List.of(CUSTOMER, "1001"), sentFor(RecorderOperation.START));
        answerStarts(DestinationStatus.ESTABLISHED);
        partyChanged(CONN, null, "1002", "1001"); // 1001 transfers to 1002
        assertEquals(RecordingState.OFF, recordingOf("1001").state());
        assertEquals(Cause.TRANSFER, recordingOf("1001").endCause());
        assertEquals(RecordingState.ON, recordingOf(CUSTOMER).state(), "the customer side goes on");
        assertEquals(List.of(CUSTOMER, "1001", "1002"), sentFor(RecorderOperation.START));
        answerStarts(DestinationStatus.ESTABLISHED);
        released(CONN, "1002");
        released(CONN, CUSTOMER);
        assertEquals(List.of("1001", "1002", CUSTOMER), sentFor(RecorderOperation.STOP), "call release stops all");
        assertTrue(recordings.ofCall(CONN).isEmpty());
    }

    @Test
    void recordingsFollowTheCallToANewConnectionId() {
        route("1001", "source");
        established(CONN, "1001", CUSTOMER, null, null, null);
        answerStarts(DestinationStatus.ESTABLISHED);
        String moved = "00000000000000b1";
        partyChanged(moved, CONN, "1003", "1001"); // a transfer that gives the call a new connection ID
        assertTrue(recordings.ofCall(CONN).isEmpty());
        Recording customer = recordings.ofCall(moved).stream().filter(r -> r.recordedDn().equals(CUSTOMER)).findFirst().orElseThrow();
        assertEquals(RecordingState.ON, customer.state(), "the customer side goes on under the new ID");
        assertEquals(moved, customer.connectionId());
        assertEquals(List.of("1001"), sentFor(RecorderOperation.STOP), "the agent who left is stopped");
        released(moved, "1003");
        released(moved, CUSTOMER);
        assertEquals(List.of("1001", CUSTOMER), sentFor(RecorderOperation.STOP));
        assertTrue(recordings.ofCall(moved).isEmpty());
    }

    @Test
    void aRecorderRefusingAFullTimeStartLeavesNothingAndIsCounted() {
        established(CONN, "1001", CUSTOMER, null, null, null);
        answerStarts(DestinationStatus.REJECTED);
        assertTrue(recordings.ofCall(CONN).isEmpty());
        assertEquals(List.of(Cause.FULL_TIME), failures);
        assertTrue(indications.isEmpty(), "it never was On");
    }

    @Test
    void aCallReleasedBeforeTheRecorderAnsweredIsStoppedAtTheRecorder() {
        established(CONN, "1001", CUSTOMER, null, null, null);
        released(CONN, "1001");
        released(CONN, CUSTOMER);
        assertTrue(sentFor(RecorderOperation.STOP).isEmpty(), "no dialog yet");
        answerStarts(DestinationStatus.ESTABLISHED);
        assertEquals(List.of("1001"), sentFor(RecorderOperation.STOP), "the dialog set up late is ended");
        assertTrue(indications.isEmpty(), "clients never saw it On");
    }

    @Test
    void aDnAlreadyRecordedByARequestIsNotRecordedTwice() {
        established(CONN, "1003", CUSTOMER, null, null, null);
        route("1001", "destination");
        partyChanged(CONN, null, "1001", "1003");
        assertEquals(List.of("1001"), sentFor(RecorderOperation.START), "routing and full-time: one recording");
        assertEquals(Cause.ROUTING, recordingOf("1001").startCause());
    }
}
