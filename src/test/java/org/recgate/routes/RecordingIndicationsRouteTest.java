package org.recgate.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.recgate.tlib.model.Attr;
import org.recgate.tlib.model.RegisterMode;
import org.recgate.tlib.model.TlibMessage;

/**
 * recording-indications.camel.yaml: each state change of a recording (docs/recording.md §2, §5) brings the call's
 * user data up to date, tells the clients of the call's DNs (and of the DN that asked) by EventAttachedDataChanged
 * when GSIP_RECORD or GSIP_REC_FN changed, and publishes the recording-indication/1 record keyed by connection ID.
 * The changes come from real requests through recording-control, with a {@link FakeRecorder}.
 */
@CamelMainTest(propertyPlaceholderLocations = {RouteTestSupport.TEST_SETTINGS, RouteTestSupport.SETTINGS},
        properties = RouteFiles.LOAD + RouteFiles.RECORDING_CONTROL + RouteFiles.CALL_FLOW + RouteFiles.RECORDING_FLOW,
        mockEndpointsAndSkip = "((kafka|sip-recorder):.*|direct:audit)")
class RecordingIndicationsRouteTest extends RecordingRouteTestSupport {

    private static final String CHANGED = "EventAttachedDataChanged";

    private RouteClient agent;
    private RouteClient customerSide;
    private RouteClient elsewhere;

    @BeforeEach
    void aCallBetweenAnAgentAndATrunk() {
        agent = client("desktop").register("1001");
        customerSide = client("supervisor-free").register("5000", RegisterMode.MONITOR);
        elsewhere = client("desktop-2").register("1002");
        established(CALL, "1001", "5000");
    }

    @Test
    void theClientsOfTheCallsDnsAreToldAndTheOthersNot() {
        privateService(agent, "GSIP_RECORD_START", "1001");

        TlibMessage told = agent.received(CHANGED).get(0);
        assertEquals(CALL, told.string(Attr.CONNECTION_ID));
        assertEquals("1001", told.string(Attr.THIS_DN));
        assertNull(told.string(Attr.THIRD_PARTY_DN), "the recorded DN asked itself");
        assertEquals("On", told.kvList(Attr.USER_DATA).get("GSIP_RECORD"));
        assertTrue(told.kvList(Attr.USER_DATA).get("GSIP_REC_FN").toString().startsWith("UUID-" + CALL + "_1001_"), told::toString);
        assertEquals(List.of(told), customerSide.received(CHANGED));
        assertTrue(elsewhere.received().isEmpty());
    }

    @Test
    void aRecordingAskedForByAnotherDnNamesItAsThirdParty() {
        privateService(agent, "GSIP_RECORD_START", "1001", Map.of("record", "destination"));

        TlibMessage told = customerSide.received(CHANGED).get(0);
        assertEquals("5000", told.string(Attr.THIS_DN));
        assertEquals("1001", told.string(Attr.THIRD_PARTY_DN));
        assertEquals(1, agent.received(CHANGED).size());
    }

    @Test
    void eachChangeIsOneRecordKeyedByTheConnectionId() {
        TlibMessage ack = privateService(agent, "GSIP_RECORD_START", "1001", Map.of("id", "rec-1", "params", Map.of("case", "42")));
        privateService(agent, "GSIP_RECORD_PAUSE", "1001");

        List<PublishedRecord> records = awaitPublished(indicationsTopic(), 2);
        PublishedRecord on = records.get(0);
        assertEquals(CALL, on.key());
        assertEquals("recording-indication/1", on.value().get("schema"));
        assertEquals("rec-1", on.value().get("recordingId"));
        assertEquals("1001", on.value().get("recordedDn"));
        assertEquals("source", on.value().get("side"));
        assertEquals("Off", on.value().get("previousState"));
        assertEquals("On", on.value().get("state"));
        assertEquals("On", on.value().get("gsipRecord"));
        assertEquals("request", on.value().get("cause"));
        assertEquals("UUID-" + CALL, on.value().get("callUuid"));
        assertEquals(ack.kvList(Attr.EXTENSIONS).get("file"), on.value().get("fileName"));
        assertEquals(Map.of("application", "desktop", "thisDn", "1001", "referenceId", ack.referenceId().intValue()), on.map("requestedBy"));
        assertEquals(Map.of("case", "42"), on.map("params"));
        assertEquals("sip:srs@127.0.0.1:1", on.list("destinations").get(0).get("uri"));
        assertEquals("Paused", records.get(1).value().get("state"));
        assertEquals(CALL, records.get(1).key());
    }

    @Test
    void aChangeThatLeavesTheUserDataAsItWasIsPublishedButNotToldAgain() {
        privateService(agent, "GSIP_RECORD_START", "1001");
        // the other side too: the call was On already, and its file name is the first recording's
        privateService(agent, "GSIP_RECORD_START", "1001", Map.of("record", "destination"));

        assertEquals(1, agent.received(CHANGED).size(), () -> "told twice: " + agent.received(CHANGED));
        assertEquals(List.of("Off>On:request", "Off>On:request"), awaitIndications(2));
        assertEquals(List.of("1001", "5000"), published(indicationsTopic()).stream().map(r -> r.value().get("recordedDn")).toList());
    }

    /** A broker outage that filled the indications queue (its publisher is stopped here): clients are still told and answered. */
    @Nested
    @CamelMainTest(properties = "recgate.kafka.queue-size=1")
    class WhenTheQueueIsFull {

        @Test
        void theChangeIsToldAndAnsweredAndItsRecordDroppedAndCounted() throws Exception {
            context.getRouteController().stopRoute("publish-indications");

            privateService(agent, "GSIP_RECORD_START", "1001");
            TlibMessage ack = privateService(agent, "GSIP_RECORD_PAUSE", "1001");

            assertEquals("EventACK", ack.name());
            assertEquals("Paused", agent.received(CHANGED).get(1).kvList(Attr.USER_DATA).get("GSIP_RECORD"));
            assertEquals(1, count("recgate.kafka.records.dropped", "topic", indicationsTopic()));
            context.getRouteController().startRoute("publish-indications");
            assertEquals(List.of("Off>On:request"), awaitIndications(1));
        }
    }
}
