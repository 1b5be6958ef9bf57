package org.recgate.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recgate.sip.DestinationRole;
import org.recgate.sip.RecorderEvent;
import org.recgate.tlib.model.Attr;
import org.recgate.tlib.model.TlibMessage;

/**
 * recorder-events.camel.yaml: what recorders do on their own (a BYE from the recorder, a media server ending its
 * dialog): the destination ends, and with none left the recording is Off with cause recorder-failure, indicated as
 * any change (docs/recording.md §2). The sip-recorder:events consumer needs a recorder that hangs up, so the route
 * is fed the component's RecorderEvent from a direct: endpoint here; the recordings are made by real requests.
 */
@CamelMainTest(propertyPlaceholderLocations = {RouteTestSupport.TEST_SETTINGS, RouteTestSupport.SETTINGS},
        properties = RouteFiles.LOAD + RouteFiles.RECORDER_EVENTS + RouteFiles.RECORDING_CONTROL + RouteFiles.CALL_FLOW
                + RouteFiles.RECORDING_FLOW,
        replaceRouteFromWith = "recorder-events=direct:recorder-events",
        mockEndpointsAndSkip = "((kafka|sip-recorder):.*|direct:audit)")
class RecorderEventsRouteTest extends RecordingRouteTestSupport {

    private static final String RECORDER = "sip:srs@127.0.0.1:1";
    private static final String DUPLICATE = "sip:dup@127.0.0.1:2";

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

    @Test
    void anEventOfARecordingTheGatewayDoesNotKnowChangesNothing() {
        Exchange done = recorderEnded("no-such-recording", RECORDER, DestinationRole.PRIMARY);

        assertNull(done.getException());
        assertTrue(agent.received().isEmpty());
        assertEquals(0, count("recgate.kafka.records.queued", "topic", indicationsTopic()));
    }
}
