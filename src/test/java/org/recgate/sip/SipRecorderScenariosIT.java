package org.recgate.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recgate.sip.RecorderTestBed.duplicate;
import static org.recgate.sip.RecorderTestBed.primary;
import static org.recgate.sip.RecorderTestBed.request;
import static org.recgate.sip.RecorderTestBed.spec;
import static org.recgate.sip.RecorderTestBed.only;

import java.time.Duration;
import org.recgate.testing.FreePorts;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.recgate.sip.component.SipRecorderConstants;

/**
 * The component against real SIPREC recorders played by sipp (UDP unless said): duplicates,
 * failover, refusals, timeouts, unreachable recorders, and what recorders do on their own.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SipRecorderScenariosIT {

    private static final String SESSION = RecorderTestBed.UDP + ":session";
    private static final String BATCH = SESSION + "?batch=true";
    private static final String QUICK = SESSION + "?timeoutMs=500";

    @RegisterExtension
    static final RecorderTestBed bed = new RecorderTestBed();

    /** A URI where nothing listens: UDP requests to it are never answered. */
    private static String silentRecorder() throws Exception {
        return "sip:srs@127.0.0.1:" + FreePorts.free("udp");
    }

    @Test
    void aDuplicateGoesToBothRecordersAtOnceWithoutBlockingTheCaller() throws Exception {
        try (SippRecorder first = SippRecorder.start("srs_answer.xml", "udp", "-d", "1500");
             SippRecorder second = SippRecorder.start("srs_answer.xml", "udp", "-d", "1500")) {
            RecordingSessionSpec spec = spec(Map.of());
            Endpoint endpoint = bed.context().getEndpoint(SESSION);
            AsyncProducer producer = endpoint.createAsyncProducer();
            producer.start();
            Exchange exchange = endpoint.createExchange();
            exchange.getIn().setBody(request(RecorderOperation.START, spec, primary(first.uri()), duplicate(second.uri())));
            CompletableFuture<Boolean> done = new CompletableFuture<>();

            long started = System.nanoTime();
            boolean synchronous = producer.process(exchange, done::complete);
            assertFalse(synchronous, "process() hands the work to SIP and returns");
            assertFalse(done.isDone(), "both recorders wait 1.5 s before answering");
            assertFalse(done.get(10, TimeUnit.SECONDS), "the callback completes asynchronously");
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(took.compareTo(Duration.ofMillis(2800)) < 0, "both INVITEs were out at once: " + took);

            RecorderResponse response = exchange.getMessage().getBody(RecorderResponse.class);
            assertEquals(spec.recordingId(), exchange.getMessage().getHeader(SipRecorderConstants.RECORDING_ID));
            assertEquals(RecorderOperation.START, exchange.getMessage().getHeader(SipRecorderConstants.OPERATION));
            assertEquals(List.of(DestinationRole.PRIMARY, DestinationRole.DUPLICATE),
                    response.results().stream().map(DestinationResult::role).toList(), "request order");
            assertEquals(List.of(first.uri(), second.uri()), response.results().stream().map(DestinationResult::uri).toList());
            response.results().forEach(result -> assertEquals(DestinationStatus.ESTABLISHED, result.status(), result::toString));
            producer.stop();

            RecorderResponse stopped = bed.send(SESSION, request(RecorderOperation.STOP, spec,
                    RecorderDestination.of(first.uri(), DestinationRole.PRIMARY, Dialect.SIPREC),
                    RecorderDestination.of(second.uri(), DestinationRole.DUPLICATE, Dialect.SIPREC)));
            stopped.results().forEach(result -> assertEquals(DestinationStatus.ENDED, result.status(), result::toString));
            first.assertPassed();
            second.assertPassed();
        }
    }

    @Test
    void aBatchOfRequestsIsDoneAtOnceAndAnsweredInOrder() throws Exception {
        try (SippRecorder first = SippRecorder.start("srs_answer.xml", "udp", "-d", "1500");
             SippRecorder second = SippRecorder.start("srs_answer.xml", "udp", "-d", "1500")) {
            RecordingSessionSpec one = spec(Map.of());
            RecordingSessionSpec two = spec(Map.of());
            long started = System.nanoTime();
            Exchange exchange = bed.context().createProducerTemplate().send(BATCH, e -> e.getIn().setBody(List.of(
                    request(RecorderOperation.START, one, primary(first.uri())),
                    request(RecorderOperation.START, two, primary(second.uri())))));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertNull(exchange.getException());
            assertTrue(took.compareTo(Duration.ofMillis(2800)) < 0, "both recorders, 1.5 s each, were asked at once: " + took);
            List<?> responses = exchange.getMessage().getBody(List.class);
            assertEquals(List.of(one.recordingId(), two.recordingId()),
                    responses.stream().map(r -> ((RecorderResponse) r).recordingId()).toList(), "request order");
            responses.forEach(r -> assertEquals(DestinationStatus.ESTABLISHED, only((RecorderResponse) r).status(), r::toString));

            Exchange stopped = bed.context().createProducerTemplate().send(BATCH, e -> e.getIn().setBody(List.of(
                    request(RecorderOperation.STOP, one, primary(first.uri())),
                    request(RecorderOperation.STOP, two, primary(second.uri())))));
            stopped.getMessage().getBody(List.class)
                    .forEach(r -> assertEquals(DestinationStatus.ENDED, only((RecorderResponse) r).status(), r::toString));
            first.assertPassed();
            second.assertPassed();
        }
    }

    @Test
    void aCandidateThatNeverAnswersIsLeftForTheNext() throws Exception {
        try (SippRecorder recorder = SippRecorder.start("srs_answer.xml", "udp")) {
            RecordingSessionSpec spec = spec(Map.of());
            long started = System.nanoTime();
            DestinationResult result = only(bed.send(QUICK, request(RecorderOperation.START, spec,
                    primary(silentRecorder(), recorder.uri()))));
            assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() >= 500, "the first candidate had its 500 ms");
            assertEquals(DestinationStatus.ESTABLISHED, result.status(), result::toString);
            assertEquals(recorder.uri(), result.uri(), "the URI that answered");

            only(bed.send(QUICK, request(RecorderOperation.STOP, spec, primary(recorder.uri()))));
            recorder.assertPassed();
        }
    }

    @Test
    void noAnswerInTimeIsTimeout() throws Exception {
        String silent = silentRecorder();
        DestinationResult result = only(bed.send(QUICK, request(RecorderOperation.START, spec(Map.of()), primary(silent))));
        assertEquals(new DestinationResult(silent, DestinationRole.PRIMARY, Dialect.SIPREC, DestinationStatus.TIMEOUT,
                null, "no final answer within 500 ms", null), result);
    }

    @Test
    void busyHereIsFinal() throws Exception {
        try (SippRecorder recorder = SippRecorder.start("srs_reject_486.xml", "udp")) {
            DestinationResult result = only(bed.send(QUICK, request(RecorderOperation.START, spec(Map.of()),
                    primary(recorder.uri(), silentRecorder()))));
            assertEquals(new DestinationResult(recorder.uri(), DestinationRole.PRIMARY, Dialect.SIPREC,
                    DestinationStatus.REJECTED, 486, "Busy Here", null), result, "no failover after a 486");
            recorder.assertPassed();
        }
    }

    @Test
    void serviceUnavailableIsRejectedWhenNoOtherCandidateIsLeft() throws Exception {
        try (SippRecorder recorder = SippRecorder.start("srs_reject_503.xml", "udp")) {
            DestinationResult result = only(bed.send(SESSION, request(RecorderOperation.START, spec(Map.of()),
                    primary(recorder.uri()))));
            assertEquals(new DestinationResult(recorder.uri(), DestinationRole.PRIMARY, Dialect.SIPREC,
                    DestinationStatus.REJECTED, 503, "Service Unavailable", null), result);
            recorder.assertPassed();
        }
    }

    @Test
    void serviceUnavailableFailsOverToTheNextRecorder() throws Exception {
        try (SippRecorder refusing = SippRecorder.start("srs_reject_503.xml", "udp");
             SippRecorder answering = SippRecorder.start("srs_answer.xml", "udp")) {
            RecordingSessionSpec spec = spec(Map.of());
            DestinationResult result = only(bed.send(SESSION, request(RecorderOperation.START, spec,
                    primary(refusing.uri(), answering.uri()))));
            assertEquals(DestinationStatus.ESTABLISHED, result.status(), result::toString);
            assertEquals(answering.uri(), result.uri());
            assertEquals(DestinationStatus.ENDED,
                    only(bed.send(SESSION, request(RecorderOperation.STOP, spec, primary(answering.uri())))).status());
            refusing.assertPassed();
            answering.assertPassed();
        }
    }

    @Test
    void aRecorderThatHangsUpEndsItsDestinationWithAnEvent() throws Exception {
        try (SippRecorder recorder = SippRecorder.start("srs_hangup.xml", "udp")) {
            RecordingSessionSpec spec = spec(Map.of());
            RecorderDestination destination = primary(recorder.uri());
            bed.established(SESSION, RecorderOperation.START, spec, destination);
            bed.established(SESSION, RecorderOperation.PAUSE, spec, destination);

            RecorderEvent event = bed.nextEvent();
            // a 5xx Reason says the recorder fails (RFC 3326): reported for failover, alive until its BYE
            assertEquals(new RecorderEvent(spec.recordingId(), recorder.uri(), DestinationRole.PRIMARY, 503,
                    "recorder sent BYE (Recorder shutting down)", RecorderEvent.Kind.RECORDER_DOWN, event.lastAlive()), event);
            assertTrue(event.lastAlive() != null && !event.lastAlive().isAfter(java.time.Instant.now()), event::toString);
            recorder.assertPassed();

            DestinationResult stop = only(bed.send(SESSION, request(RecorderOperation.STOP, spec, destination)));
            assertEquals(DestinationStatus.ENDED, stop.status());
            assertNull(stop.sipStatus(), "nothing was sent: the session was already over");
        }
    }

    /**
     * The recorder asks for a snapshot right after the ACK to the pause (srs_snapshot.xml: in an
     * UPDATE; srs_snapshot_reinvite.xml: in a re-INVITE, which first gets the current offer): the
     * snapshot must have the pause's params; sipp checks it, then hangs up.
     */
    @ParameterizedTest
    @ValueSource(strings = {"srs_snapshot.xml", "srs_snapshot_reinvite.xml"})
    void aSnapshotRequestGetsACompleteSnapshot(String scenario) throws Exception {
        try (SippRecorder recorder = SippRecorder.start(scenario, "udp")) {
            RecordingSessionSpec spec = spec(Map.of("campaign", "spring"));
            RecorderDestination destination = primary(recorder.uri());
            bed.established(SESSION, RecorderOperation.START, spec, destination);
            assertEquals(DestinationStatus.ESTABLISHED, only(bed.send(SESSION,
                    request(RecorderOperation.PAUSE, withParams(spec, Map.of("campaign", "paused-one")), destination))).status());

            assertEquals(spec.recordingId(), bed.nextEvent().recordingId(), "the recorder hangs up after the snapshot");
            recorder.assertPassed();
        }
    }

    private static RecordingSessionSpec withParams(RecordingSessionSpec spec, Map<String, Object> params) {
        return new RecordingSessionSpec(spec.recordingId(), spec.connectionId(), spec.callUuid(), spec.recordedDn(),
                spec.side(), spec.participants(), params, spec.fileName(), spec.startTime());
    }

    @Test
    void requestsThatCannotBeSentAreUnreachable() throws Exception {
        RecordingSessionSpec spec = spec(Map.of());
        DestinationResult badUri = only(bed.send(SESSION, request(RecorderOperation.START, spec, primary("srs at nowhere"))));
        assertEquals(DestinationStatus.UNREACHABLE, badUri.status());
        assertTrue(badUri.detail().startsWith("bad recorder URI"), badUri.detail());

        DestinationResult telUri = only(bed.send(SESSION, request(RecorderOperation.START, spec, primary("tel:+15551230001"))));
        assertEquals(DestinationStatus.UNREACHABLE, telUri.status());

        String closed = "sip:srs@127.0.0.1:" + FreePorts.free("tcp");
        DestinationResult refused = only(bed.send(RecorderTestBed.TCP + ":session",
                request(RecorderOperation.START, spec, primary(closed))));
        assertEquals(DestinationStatus.UNREACHABLE, refused.status(), refused::toString);
        assertNull(refused.sipStatus());

        DestinationResult msml = only(bed.send(RecorderTestBed.TCP + ":session", request(RecorderOperation.START, spec,
                new RecorderDestination(List.of(closed), DestinationRole.PRIMARY, Dialect.MSML))));
        assertEquals(DestinationStatus.UNREACHABLE, msml.status(), msml::toString);
        assertEquals(Dialect.MSML, msml.dialect());

        DestinationResult badDialect = only(bed.send(SESSION, request(RecorderOperation.START, spec,
                primary("sip:srs@127.0.0.1:5999;dialect=mgcp"))));
        assertEquals(DestinationStatus.UNREACHABLE, badDialect.status());
        assertTrue(badDialect.detail().contains("unknown dialect 'mgcp'"), badDialect.detail());
    }

    @Test
    void stoppingTheComponentHangsUpLiveSessions() throws Exception {
        try (RecorderTestBed own = new RecorderTestBed().start();
             SippRecorder recorder = SippRecorder.start("srs_answer.xml", "udp")) {
            own.established(SESSION, RecorderOperation.START, spec(Map.of()), primary(recorder.uri()));
            own.context().stop();
            recorder.assertPassed();
        }
    }

    @Test
    void aBodyThatIsNotARecorderRequestFailsTheExchange() {
        Exchange exchange = bed.context().createProducerTemplate().send(SESSION, e -> e.getIn().setBody("start please"));
        assertTrue(exchange.getException() instanceof InvalidPayloadException, String.valueOf(exchange.getException()));
        Exchange list = bed.context().createProducerTemplate().send(BATCH, e -> e.getIn().setBody(List.of("start please")));
        assertTrue(list.getException() instanceof InvalidPayloadException, String.valueOf(list.getException()));
    }

    /** {@code batch}, not the body's type, says whether the body is one request or a list of them. */
    @Test
    void theBatchOptionSaysWhetherTheBodyIsAList() {
        RecorderRequest pause = request(RecorderOperation.PAUSE, spec(Map.of()), primary("sip:srs@192.0.2.1"));
        Exception unasked = bed.template().send(SESSION, e -> e.getIn().setBody(List.of(pause))).getException();
        assertTrue(unasked instanceof IllegalArgumentException && unasked.getMessage().contains("needs batch=true"),
                String.valueOf(unasked));
        Exception single = bed.template().send(BATCH, e -> e.getIn().setBody(pause)).getException();
        assertTrue(single instanceof IllegalArgumentException && single.getMessage().contains(
                "batch=true takes a List of RecorderRequests, not a " + RecorderRequest.class.getName()), String.valueOf(single));
        List<?> answered = bed.template().requestBody(BATCH, List.of(pause), List.class);
        assertEquals(DestinationStatus.REJECTED, only((RecorderResponse) answered.get(0)).status(),
                "no dialog to pause: answered at once, still as a list");
    }
}
