package org.recgate.routes;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recgate.sip.DestinationStatus;
import org.recgate.sip.RecorderOperation;
import org.recgate.sip.RecorderRequest;
import org.recgate.tlib.model.Attr;

/**
 * recorder-request.camel.yaml: recorder requests the gateway sends on its own (docs/recording.md §1–2) go to the same
 * sip-recorder:session endpoint as client requests (a {@link FakeRecorder}), one request a time; the answer settles
 * the recording: an automatic START goes On, or is given up and counted when the recorder refused it or it could not
 * be sent at all. The requests come from a full-time DN (2001 in the test DN file) getting a call, and leaving it.
 */
@CamelMainTest(propertyPlaceholderLocations = {RouteTestSupport.TEST_SETTINGS, RouteTestSupport.SETTINGS},
        properties = RouteFiles.LOAD + RouteFiles.CALL_FLOW + RouteFiles.RECORDING_FLOW,
        mockEndpointsAndSkip = "((kafka|sip-recorder):.*|direct:audit)")
class RecorderRequestRouteTest extends RecordingRouteTestSupport {

    private static final String FAILED = "recgate.recordings.automatic.failed";

    private RouteClient agent;

    @BeforeEach
    void anAgentOnAFullTimeDn() {
        agent = client("desktop").register("2001");
    }

    @Test
    void anAutomaticStartTheRecorderTookGoesOn() {
        established(CALL, "2001", "5000");

        await().atMost(TIMEOUT).untilAsserted(() -> assertEquals(List.of("Off>On:full-time"), indications()));
        RecorderRequest start = recorder.requests().get(0);
        assertEquals(RecorderOperation.START, start.operation());
        assertEquals("2001", start.session().recordedDn());
        assertEquals(List.of("sip:srs@127.0.0.1:1"), start.destinations().get(0).candidates());
        assertEquals("On", agent.received("EventAttachedDataChanged").get(0).kvList(Attr.USER_DATA).get("GSIP_RECORD"));
    }

    @Test
    void anAutomaticStartTheRecorderRefusedIsGivenUpAndCounted() {
        recorder.failWith(DestinationStatus.REJECTED);

        established(CALL, "2001", "5000");

        await().atMost(TIMEOUT).until(() -> count(FAILED, "cause", "full-time") == 1 && recordingsOfTheCall().isEmpty());
        assertEquals(List.of(RecorderOperation.START), recorder.operations());
        assertTrue(indications().isEmpty(), "it never was On");
    }

    @Test
    void aStartThatCouldNotBeSentAtAllIsGivenUpTheSameWay() {
        mock("sip-recorder:session").whenAnyExchangeReceived(exchange -> {
            throw new IllegalStateException("the SIP stack is stopping");
        });

        established(CALL, "2001", "5000");

        await().atMost(TIMEOUT).until(() -> count(FAILED, "cause", "full-time") == 1 && recordingsOfTheCall().isEmpty());
        assertTrue(indications().isEmpty(), "it never was On");
    }

    @Test
    void theStopWhenTheDnLeavesGoesTheSameWay() {
        established(CALL, "2001", "5000");
        await().atMost(TIMEOUT).until(() -> indications().size() == 1);

        released(CALL, "2001");

        await().atMost(TIMEOUT).until(() -> recorder.operations().size() == 2);
        assertEquals(List.of(RecorderOperation.START, RecorderOperation.STOP), recorder.operations());
        assertEquals(recorder.requests().get(0).session().recordingId(), recorder.requests().get(1).session().recordingId());
        assertEquals(List.of("Off>On:full-time", "On>Off:call-released"), awaitIndications(2));
    }
}
