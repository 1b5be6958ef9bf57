package org.recgate.routes;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWithRouteBuilder;
import org.apache.camel.test.main.junit5.AdviceRouteMapping;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.recgate.gateway.recording.RecordingOutcomes;
import org.recgate.recording.RecorderTask;
import org.recgate.recording.RecordingChange;
import org.recgate.sip.RecorderOperation;

/**
 * call-changed.camel.yaml: what a change of a call does to its recordings (docs/recording.md §1–2): a full-time DN
 * that gets the call is recorded, the recordings of a side that leaves (all of them when the call ends) stop. What
 * the route decided is read off the exchange just before it goes on to recording-outcome (a step woven in there);
 * the rest of the recording flow is real, with a {@link FakeRecorder}.
 */
@CamelMainTest(propertyPlaceholderLocations = {RouteTestSupport.TEST_SETTINGS, RouteTestSupport.SETTINGS},
        properties = RouteFiles.LOAD + RouteFiles.CALL_FLOW + RouteFiles.RECORDING_FLOW,
        mockEndpointsAndSkip = "((kafka|sip-recorder):.*|direct:audit)",
        advices = @AdviceRouteMapping(route = "call-changed", advice = CallChangedRouteTest.Decided.class))
class CallChangedRouteTest extends RecordingRouteTestSupport {

    /** What call-changed leaves on the exchange for recording-outcome. */
    static class Decided extends AdviceWithRouteBuilder {
        @Override
        public void configure() {
            weaveByToUri("direct:recording-outcome").before().to("mock:call-changed-decided");
        }
    }

    private Exchange decided(int n) {
        return mock("call-changed-decided").getExchanges().get(n);
    }

    @SuppressWarnings("unchecked")
    private static List<RecorderTask> tasks(Exchange exchange) {
        return exchange.getProperty(RecordingOutcomes.TASKS, List.class);
    }

    @SuppressWarnings("unchecked")
    private static List<RecordingChange> changes(Exchange exchange) {
        return exchange.getProperty(RecordingOutcomes.CHANGES, List.class);
    }

    private void recordingOfFullTimeDnIsOn() {
        established(CALL, "2001", "5000");
        await().atMost(TIMEOUT).untilAsserted(() -> assertEquals(List.of("Off>On:full-time"), indications()));
    }

    @Test
    void aFullTimeDnThatGetsTheCallIsRecorded() {
        established(CALL, "2001", "5000");

        List<RecorderTask> tasks = tasks(decided(0));
        assertEquals(1, tasks.size());
        assertEquals(RecorderOperation.START, tasks.get(0).request().operation());
        assertEquals("2001", tasks.get(0).recording().recordedDn());
        assertEquals("full-time", tasks.get(0).recording().startCause().wireName());
        await().atMost(TIMEOUT).until(() -> recorder.operations().equals(List.of(RecorderOperation.START)));
    }

    @Test
    void aCallOfOrdinaryDnsStartsNothing() {
        established(CALL, "1001", "5000");

        assertNull(tasks(decided(0)));
        assertNull(changes(decided(0)));
    }

    @Test
    void theRecordingOfADnThatLeavesTheCallStops() {
        recordingOfFullTimeDnIsOn();

        released(CALL, "2001");

        Exchange release = decided(1);
        assertEquals(List.of("On>Off:call-released"), changes(release).stream()
                .map(c -> c.change().previous().gsipValue() + ">" + c.change().next().gsipValue() + ":" + c.cause().wireName()).toList());
        assertEquals(RecorderOperation.STOP, tasks(release).get(0).request().operation());
        await().atMost(TIMEOUT).until(() -> recorder.operations().equals(List.of(RecorderOperation.START, RecorderOperation.STOP)));
    }

    @Test
    void aTransferEndsTheRecordingOfTheSideThatLeft() {
        recordingOfFullTimeDnIsOn();

        transferred(CALL, "2001", "1002");

        Exchange transfer = decided(1);
        assertEquals("transfer", changes(transfer).get(0).cause().wireName());
        assertEquals("2001", changes(transfer).get(0).recording().recordedDn());
        assertEquals(RecorderOperation.STOP, tasks(transfer).get(0).request().operation());
    }
}
