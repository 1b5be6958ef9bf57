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
import java.util.concurrent.CompletableFuture;
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
 * Full-time DNs, Trunks, routing decisions, transfers and release (RECORDING.md §1–2) through
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
    private final RecordingRegistry recordings = new RecordingRegistry(1000);
    private final RoutingDecisions decisions = new RoutingDecisions(100);
    private final List<Sent> sent = new ArrayList<>();
    private final List<String> indications = new ArrayList<>();
    private final List<Cause> failures = new ArrayList<>();

    /** A recorder request and the answer still to be given. */
    private record Sent(RecorderRequest request, CompletableFuture<RecorderResponse> answer) {

        void answer(DestinationStatus status) {
            answer.complete(new RecorderResponse(request.operation(), request.session().recordingId(), request.destinations()
                    .stream().map(d -> new DestinationResult(d.uri(), d.role(), d.dialect(), status,
                            status == DestinationStatus.REJECTED ? 503 : 200, null, null)).toList()));
        }
    }

    @BeforeEach
    void setUp() {
        DnDirectory directory = new DnDirectory(DnFile.parse(new ByteArrayInputStream(DNS.getBytes(StandardCharsets.UTF_8)), "test"));
        RecordingFactory factory = new RecordingFactory(recordings,
                new RecorderPolicy(List.of("sip:srs@rec.example.com"), Dialect.SIPREC, List.of("*.example.com")),
                directory, new FileNameTemplate(FileNameTemplate.DEFAULT, "gw1", ZoneOffset.UTC), CLOCK);
        RecordingControl control = new RecordingControl(new org.recgate.tlib.server.SessionRegistry(), calls, recordings,
                factory, directory, decisions, request -> {
                    CompletableFuture<RecorderResponse> answer = new CompletableFuture<>();
                    sent.add(new Sent(request, answer));
                    return answer;
                }, failures::add);
        control.addListener((call, recording, change, cause) -> indications.add(recording.recordedDn() + " "
                + change.previous().wireName() + ">" + change.next().wireName() + ":" + cause.wireName()));
        calls.addListener(control);
    }

    private List<String> sentFor(RecorderOperation operation) {
        return sent.stream().filter(s -> s.request().operation() == operation)
                .map(s -> s.request().session().recordedDn()).toList();
    }

    private void answerStarts(DestinationStatus status) {
        List.copyOf(sent).stream().filter(s -> s.request().operation() == RecorderOperation.START && !s.answer().isDone())
                .forEach(s -> s.answer(status));
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
        calls.established(CONN, "1001", CUSTOMER, "UUID", CUSTOMER, "800");
        assertEquals(List.of("1001"), sentFor(RecorderOperation.START));
        answerStarts(DestinationStatus.ESTABLISHED);
        assertEquals(RecordingState.ON, recordingOf("1001").state());
        assertEquals(Cause.FULL_TIME, recordingOf("1001").startCause());
        calls.released(CONN, "1001");
        assertEquals(List.of("1001"), sentFor(RecorderOperation.STOP));
        assertEquals(List.of("1001 Off>On:full-time", "1001 On>Off:call-released"), indications);
    }

    @Test
    void aDnWithoutRecordIsNotRecorded() {
        calls.established(CONN, "1003", CUSTOMER, null, null, null);
        assertTrue(sent.isEmpty());
    }

    @Test
    void aTrunkRecordsTheCustomerUntilAnAgentHasTheCall() {
        calls.established(CONN, "5000", "6000", null, null, null); // customer in the IVR
        assertEquals(List.of("5000"), sentFor(RecorderOperation.START));
        answerStarts(DestinationStatus.ESTABLISHED);
        calls.partyChanged(CONN, null, "1003", "6000"); // the IVR hands the call to an agent
        assertEquals(RecordingState.OFF, recordingOf("5000").state());
        assertEquals(List.of("5000"), sentFor(RecorderOperation.STOP));
        assertEquals(List.of("5000 Off>On:full-time", "5000 On>Off:transfer"), indications);
    }

    @Test
    void aTrunkJoiningACallAnAgentHasIsNotRecorded() {
        calls.established(CONN, "1003", "5000", null, null, null); // an agent's outbound call
        assertTrue(sent.isEmpty());
    }

    @Test
    void routingRecordsTheDestinationOnceTheCallIsEstablishedThere() {
        route("1003", "destination");
        calls.established(CONN, CUSTOMER, "7000", null, null, null);
        assertTrue(sent.isEmpty(), "not before the target has the call");
        calls.partyChanged(CONN, null, "1003", "7000");
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
        calls.established(CONN, "1003", CUSTOMER, null, null, null);
        assertEquals(List.of(CUSTOMER), sentFor(RecorderOperation.START));
    }

    @Test
    void disableDestinationKeepsAFullTimeAgentFromBeingRecordedInThisCallOnly() {
        route("1001", "disable_destination");
        calls.established(CONN, "1001", CUSTOMER, null, null, null);
        assertTrue(sent.isEmpty());
        calls.partyChanged(CONN, null, "1002", "1001");
        calls.partyChanged(CONN, null, "1001", "1002"); // back to 1001 in the same call: still disabled
        assertEquals(List.of("1002"), sentFor(RecorderOperation.START));
        calls.released(CONN, "1001");
        calls.released(CONN, CUSTOMER);
        calls.established("00000000000000a2", "1001", CUSTOMER, null, null, null);
        assertEquals(List.of("1002", "1001"), sentFor(RecorderOperation.START), "the next call records 1001 again");
    }

    @Test
    void disableSourceKeepsTheCallerFromBeingRecorded() {
        route("1003", "disable_source");
        calls.established(CONN, "1003", "1001", null, null, null); // 1001 (full-time) calls 1003
        assertTrue(sent.isEmpty());
    }

    @Test
    void aTransferEndsTheAgentsRecordingAndKeepsTheCustomers() {
        route("1001", "source");
        calls.established(CONN, "1001", CUSTOMER, null, null, null); // full-time 1001 + routed customer side
        assertEquals(List.of(CUSTOMER, "1001"), sentFor(RecorderOperation.START));
        answerStarts(DestinationStatus.ESTABLISHED);
        calls.partyChanged(CONN, null, "1002", "1001"); // 1001 transfers to 1002
        assertEquals(RecordingState.OFF, recordingOf("1001").state());
        assertEquals(Cause.TRANSFER, recordingOf("1001").endCause());
        assertEquals(RecordingState.ON, recordingOf(CUSTOMER).state(), "the customer side goes on");
        assertEquals(List.of(CUSTOMER, "1001", "1002"), sentFor(RecorderOperation.START));
        answerStarts(DestinationStatus.ESTABLISHED);
        calls.released(CONN, "1002");
        calls.released(CONN, CUSTOMER);
        assertEquals(List.of("1001", "1002", CUSTOMER), sentFor(RecorderOperation.STOP), "call release stops all");
        assertTrue(recordings.ofCall(CONN).isEmpty());
    }

    @Test
    void recordingsFollowTheCallToANewConnectionId() {
        route("1001", "source");
        calls.established(CONN, "1001", CUSTOMER, null, null, null);
        answerStarts(DestinationStatus.ESTABLISHED);
        String moved = "00000000000000b1";
        calls.partyChanged(moved, CONN, "1003", "1001"); // a transfer that gives the call a new connection ID
        assertTrue(recordings.ofCall(CONN).isEmpty());
        Recording customer = recordings.ofCall(moved).stream().filter(r -> r.recordedDn().equals(CUSTOMER)).findFirst().orElseThrow();
        assertEquals(RecordingState.ON, customer.state(), "the customer side goes on under the new ID");
        assertEquals(moved, customer.connectionId());
        assertEquals(List.of("1001"), sentFor(RecorderOperation.STOP), "the agent who left is stopped");
        calls.released(moved, "1003");
        calls.released(moved, CUSTOMER);
        assertEquals(List.of("1001", CUSTOMER), sentFor(RecorderOperation.STOP));
        assertTrue(recordings.ofCall(moved).isEmpty());
    }

    @Test
    void aRecorderRefusingAFullTimeStartLeavesNothingAndIsCounted() {
        calls.established(CONN, "1001", CUSTOMER, null, null, null);
        answerStarts(DestinationStatus.REJECTED);
        assertTrue(recordings.ofCall(CONN).isEmpty());
        assertEquals(List.of(Cause.FULL_TIME), failures);
        assertTrue(indications.isEmpty(), "it never was On");
    }

    @Test
    void aCallReleasedBeforeTheRecorderAnsweredIsStoppedAtTheRecorder() {
        calls.established(CONN, "1001", CUSTOMER, null, null, null);
        calls.released(CONN, "1001");
        calls.released(CONN, CUSTOMER);
        assertTrue(sentFor(RecorderOperation.STOP).isEmpty(), "no dialog yet");
        answerStarts(DestinationStatus.ESTABLISHED);
        assertEquals(List.of("1001"), sentFor(RecorderOperation.STOP), "the dialog set up late is ended");
        assertTrue(indications.isEmpty(), "clients never saw it On");
    }

    @Test
    void aDnAlreadyRecordedByARequestIsNotRecordedTwice() {
        calls.established(CONN, "1003", CUSTOMER, null, null, null);
        route("1001", "destination");
        calls.partyChanged(CONN, null, "1001", "1003");
        assertEquals(List.of("1001"), sentFor(RecorderOperation.START), "routing and full-time: one recording");
        assertEquals(Cause.ROUTING, recordingOf("1001").startCause());
    }
}
