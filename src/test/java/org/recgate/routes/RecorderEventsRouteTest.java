package org.recgate.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recgate.sip.DestinationRole;
import org.recgate.sip.DestinationStatus;
import org.recgate.sip.RecorderEvent;
import org.recgate.sip.RecorderOperation;
import org.recgate.sip.RecorderRequest;
import org.recgate.tlib.model.Attr;
import org.recgate.tlib.model.TlibMessage;

/**
 * recorder-events.camel.yaml: what recorders do on their own (a BYE from the recorder, a media server ending its
 * dialog): the destination ends, and with none left the recording is Off with cause recorder-failure, indicated as
 * any change (docs/recording.md §2). The sip-recorder:events consumer needs a recorder that hangs up, so the route
 * is fed the component's RecorderEvent from a direct: endpoint here; the recordings are made by real requests.
 */
@CamelMainTest(propertyPlaceholderLocations = {RouteTestSupport.TEST_SETTINGS, RouteTestSupport.SETTINGS},
        properties = {RouteFiles.LOAD + RouteFiles.RECORDER_EVENTS + RouteFiles.RECORDING_CONTROL + RouteFiles.CALL_FLOW
                + RouteFiles.RECORDING_FLOW, "recgate.recorder.uri=" + RecorderEventsRouteTest.RECORDER + ","
                + RecorderEventsRouteTest.NEXT},
        replaceRouteFromWith = "recorder-events=direct:recorder-events",
        mockEndpointsAndSkip = "((kafka|sip-recorder):.*|direct:audit)")
class RecorderEventsRouteTest extends RecordingRouteTestSupport {

    static final String RECORDER = "sip:srs@127.0.0.1:1";
    private static final String DUPLICATE = "sip:dup@127.0.0.1:2";
    /** The next recorder of the failover list (recgate.recorder.uri). */
    static final String NEXT = "sip:next@127.0.0.1:3";

    private RouteClient agent;

    @BeforeEach
    void aCallOfAnAgent() {
        agent = client("desktop").register("1001");
        established(CALL, "1001", "5000");
    }

    private Exchange recorderEnded(String recordingId, String uri, DestinationRole role) {
        return template.send("direct:recorder-events", exchange -> exchange.getMessage()
                .setBody(new RecorderEvent(recordingId, uri, role, null, "recorder sent BYE")));
    }

    private Object gsipRecordToldLast() {
        List<TlibMessage> told = agent.received("EventAttachedDataChanged");
        return told.get(told.size() - 1).kvList(Attr.USER_DATA).get("GSIP_RECORD");
    }

    @Test
    void aRecorderThatHangsUpEndsTheRecording() {
        privateService(agent, "GSIP_RECORD_START", "1001", Map.of("id", "rec-1"));

        recorderEnded("rec-1", RECORDER, DestinationRole.PRIMARY);

        assertEquals("Off", gsipRecordToldLast());
        assertEquals(List.of("Off>On:request", "On>Off:recorder-failure"), awaitIndications(2));
    }

    @Test
    void withADuplicateLeftTheRecordingStaysOn() {
        privateService(agent, "GSIP_RECORD_START", "1001", Map.of("id", "rec-1", "dest2", DUPLICATE));

        recorderEnded("rec-1", DUPLICATE, DestinationRole.DUPLICATE);
        assertEquals(1, agent.received("EventAttachedDataChanged").size(), "nothing to tell: still On");
        recorderEnded("rec-1", RECORDER, DestinationRole.PRIMARY);

        assertEquals("Off", gsipRecordToldLast());
        assertEquals(List.of("Off>On:request", "On>Off:recorder-failure"), awaitIndications(2));
    }

    private Exchange recorderDown(String recordingId, String uri, Instant lastAlive) {
        return template.send("direct:recorder-events", exchange -> exchange.getMessage()
                .setBody(new RecorderEvent(recordingId, uri, DestinationRole.PRIMARY, null, "recorder DOWN: OPTIONS unanswered",
                        RecorderEvent.Kind.RECORDER_DOWN, lastAlive)));
    }

    @Test
    void aRecorderDownMovesTheRecordingToTheNextRecorderWithTheGapOnRecord() {
        recorder.withDialogStates().renewRestoresAt(NEXT);
        privateService(agent, "GSIP_RECORD_START", "1001", Map.of("id", "rec-1"));
        Instant lastAlive = Instant.parse("2026-12-04T21:00:00Z");

        recorderDown("rec-1", RECORDER, lastAlive);

        assertEquals(List.of("Off>On:request", "On>On:recorder-failover"), awaitIndications(2));
        Map<String, Object> failover = published(indicationsTopic()).get(1).map("failover");
        assertEquals("primary", failover.get("role"));
        assertEquals(RECORDER, failover.get("from"));
        assertEquals(NEXT, failover.get("to"));
        assertEquals(lastAlive.toString(), failover.get("gapStart"));
        assertTrue(Instant.parse((String) failover.get("gapEnd")).isAfter(lastAlive), failover::toString);
        RecorderRequest restore = recorder.requests().get(1);
        assertEquals(RecorderOperation.RESTORE, restore.operation());
        assertEquals(List.of(NEXT), restore.destinations().get(0).candidates(), "the next recorders, without the lost one");
        assertEquals(Map.of("dialog", Map.of("recorder", RECORDER)), restore.destinations().get(0).dialogState(),
                "the RESTORE continues from the lost session's state");
        assertEquals(1, agent.received("EventAttachedDataChanged").size(), "no client told of anything: still On");

        privateService(agent, "GSIP_RECORD_PAUSE", "1001");
        assertEquals(NEXT, recorder.requests().get(2).destinations().get(0).uri(), "the pause goes to the new recorder");
        assertEquals("Paused", gsipRecordToldLast());
    }

    @Test
    void whenNoRecorderTakesTheFailoverTheRecordingIsOff() {
        recorder.withDialogStates();
        privateService(agent, "GSIP_RECORD_START", "1001", Map.of("id", "rec-1"));
        recorder.failWith(DestinationStatus.TIMEOUT);

        recorderDown("rec-1", RECORDER, Instant.now());

        assertEquals(List.of("Off>On:request", "On>Off:recorder-failure"), awaitIndications(2));
        assertEquals(List.of(RecorderOperation.START, RecorderOperation.RESTORE), recorder.operations());
        assertEquals("Off", gsipRecordToldLast());
    }

    private Exchange recorderUp(String uri) {
        return template.send("direct:recorder-events", exchange -> exchange.getMessage()
                .setBody(new RecorderEvent(null, uri, null, null, "recorder UP again", RecorderEvent.Kind.RECORDER_UP, null)));
    }

    /** The recording is Off with recorder-failure: its recorder went DOWN and the failover to NEXT timed out. */
    private void offWithNoRecorderLeft(Instant lastAlive) {
        recorder.withDialogStates();
        privateService(agent, "GSIP_RECORD_START", "1001", Map.of("id", "rec-1"));
        recorder.failWith(DestinationStatus.TIMEOUT);
        recorderDown("rec-1", RECORDER, lastAlive);
        assertEquals(List.of("Off>On:request", "On>Off:recorder-failure"), awaitIndications(2));
        recorder.succeed().renewRestoresAt(RECORDER);
    }

    @Test
    void aRecordingLeftWithNoRecorderIsRetriedOnTheFirstThatIsUpAgain() {
        Instant lastAlive = Instant.parse("2026-12-04T21:00:00Z");
        offWithNoRecorderLeft(lastAlive);

        recorderUp("sip:127.0.0.1:1;transport=udp"); // RECORDER's host and port

        assertEquals(List.of("Off>On:request", "On>Off:recorder-failure", "Off>On:recorder-restored"), awaitIndications(3));
        assertEquals("On", gsipRecordToldLast());
        RecorderRequest retry = recorder.requests().get(2);
        assertEquals(RecorderOperation.RESTORE, retry.operation());
        assertEquals("rec-1", retry.session().recordingId());
        assertEquals(List.of(RECORDER, NEXT), retry.destinations().get(0).candidates(), "the recorder UP again first");
        assertEquals(Map.of("dialog", Map.of("recorder", RECORDER)), retry.destinations().get(0).dialogState(),
                "a new session from the lost one's state: same metadata ids and direction");
        Map<String, Object> gap = published(indicationsTopic()).get(2).map("failover");
        assertEquals(lastAlive.toString(), gap.get("gapStart"));
        assertEquals(RECORDER, gap.get("to"));

        recorderUp("sip:127.0.0.1:1;transport=udp");
        assertEquals(3, recorder.requests().size(), "a recording that is back is not retried again");
        privateService(agent, "GSIP_RECORD_STOP", "1001");
        assertEquals(RECORDER, recorder.requests().get(3).destinations().get(0).uri(), "the stop goes to the new session");
        assertEquals("Off", gsipRecordToldLast());
    }

    @Test
    void aPausedRecordingComesBackPaused() {
        recorder.withDialogStates();
        privateService(agent, "GSIP_RECORD_START", "1001", Map.of("id", "rec-1"));
        privateService(agent, "GSIP_RECORD_PAUSE", "1001");
        recorder.failWith(DestinationStatus.TIMEOUT);
        recorderDown("rec-1", RECORDER, Instant.now());
        assertEquals("Off", gsipRecordToldLast());
        recorder.succeed().renewRestoresAt(NEXT);

        recorderUp("sip:127.0.0.1:3;transport=udp"); // NEXT is UP again

        assertEquals(List.of("Off>On:request", "On>Paused:request", "Paused>Off:recorder-failure",
                "Off>Paused:recorder-restored"), awaitIndications(4));
        assertEquals("Paused", gsipRecordToldLast());
        assertEquals(List.of(NEXT, RECORDER), recorder.requests().get(3).destinations().get(0).candidates());
    }

    @Test
    void aRecordingOfAReleasedCallOrAnotherRecorderIsNeverRetried() {
        offWithNoRecorderLeft(Instant.now());

        recorderUp("sip:127.0.0.1:9;transport=udp"); // a recorder not in its list
        released(CALL, "1001");
        released(CALL, "5000");
        recorderUp("sip:127.0.0.1:1;transport=udp");

        assertEquals(List.of(RecorderOperation.START, RecorderOperation.RESTORE), recorder.operations(), "nothing retried");
        assertEquals(List.of("Off>On:request", "On>Off:recorder-failure"), indications(), "nothing indicated");
    }

    @Test
    void aRecorderDownUnderADestinationWithoutDialogStateEndsTheRecording() {
        privateService(agent, "GSIP_RECORD_START", "1001", Map.of("id", "rec-1"));

        recorderDown("rec-1", RECORDER, Instant.now());

        assertEquals(List.of("Off>On:request", "On>Off:recorder-failure"), awaitIndications(2));
        assertEquals(List.of(RecorderOperation.START), recorder.operations(), "nothing to restore from");
    }

    @Test
    void anEventOfARecordingTheGatewayDoesNotKnowChangesNothing() {
        Exchange done = recorderEnded("no-such-recording", RECORDER, DestinationRole.PRIMARY);

        assertNull(done.getException());
        assertTrue(agent.received().isEmpty());
        assertEquals(0, count("recgate.kafka.records.queued", "topic", indicationsTopic()));
    }
}
