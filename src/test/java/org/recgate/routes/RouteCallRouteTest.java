package org.recgate.routes;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.recgate.sip.RecorderOperation;
import org.recgate.tlib.model.Attr;
import org.recgate.tlib.model.TlibMessage;

/**
 * route-call.camel.yaml: RequestRouteCall from a routing strategy (docs/recording.md §1, way 2): the routing point
 * is the client's (41), the recording decision is checked now (53, 2003, 2004) and remembered for the call, the
 * request goes on to the switch endpoint recgate.routing.switch-uri as one JSON line (a mock endpoint is configured
 * there), and the client gets EventACK. The decision is applied by the call flow when the call reaches the target.
 */
@CamelMainTest(propertyPlaceholderLocations = {RouteTestSupport.TEST_SETTINGS, RouteTestSupport.SETTINGS},
        properties = {RouteFiles.LOAD + RouteFiles.ROUTE_CALL + RouteFiles.CALL_FLOW + RouteFiles.RECORDING_FLOW,
                "recgate.routing.switch-uri=mock:switch"},
        mockEndpointsAndSkip = "((kafka|sip-recorder):.*|direct:audit)")
class RouteCallRouteTest extends RecordingRouteTestSupport {

    private static final String ROUTE_CALL = "direct:route-call";
    private static final String ROUTING_POINT = "7000";
    private static final ObjectMapper JSON = new ObjectMapper();

    private MockEndpoint theSwitch() {
        return context.getEndpoint("mock:switch", MockEndpoint.class);
    }

    private TlibMessage routeCall(RouteClient strategy, String target, Map<String, Object> extensions) {
        return strategy.request(ROUTE_CALL, strategy.message("RequestRouteCall").with(Attr.THIS_DN, ROUTING_POINT)
                .with(Attr.CONNECTION_ID, CALL).with(Attr.OTHER_DN, target).with(Attr.EXTENSIONS, extensions));
    }

    @Test
    void theRouteGoesOnToTheSwitchAsAJsonLineAndIsAcknowledged() throws Exception {
        RouteClient strategy = client("cli").register(ROUTING_POINT);

        TlibMessage ack = routeCall(strategy, "1001", Map.of("record", "destination"));

        assertEquals("EventACK", ack.name());
        assertEquals("1001", ack.string(Attr.OTHER_DN));
        assertEquals(Map.of("record", "destination"), ack.kvList(Attr.EXTENSIONS));
        assertEquals(1, theSwitch().getReceivedCounter());
        JsonNode line = JSON.readTree(theSwitch().getExchanges().get(0).getMessage().getBody(String.class));
        assertEquals("RequestRouteCall", line.path("message").asText());
        assertEquals("1001", line.path("AttrOtherDN").asText());
        assertEquals(CALL, line.path("AttrConnectionID").asText());
    }

    @Test
    void theDecisionIsAppliedWhenTheCallReachesTheTarget() {
        RouteClient strategy = client("cli").register(ROUTING_POINT);
        routeCall(strategy, "1001", Map.of("record", "destination"));

        established(CALL, "1001", "5000");

        await().atMost(TIMEOUT).untilAsserted(() -> assertEquals(List.of("Off>On:routing"), indications()));
        assertEquals(List.of(RecorderOperation.START), recorder.operations());
        assertEquals("1001", recorder.requests().get(0).session().recordedDn());
    }

    @Test
    void aBadDecisionIsRefusedNowAndNothingGoesToTheSwitch() {
        RouteClient strategy = client("cli").register(ROUTING_POINT);

        TlibMessage badValue = routeCall(strategy, "1001", Map.of("record", "everything"));
        TlibMessage notAllowed = routeCall(strategy, "1001", Map.of("record", "destination", "dest", "sip:srs@elsewhere.example.com"));

        assertEquals(53L, badValue.number(Attr.ERROR_CODE));
        assertEquals(2004L, notAllowed.number(Attr.ERROR_CODE));
        assertEquals(0, theSwitch().getReceivedCounter());
    }

    @Test
    void aRoutingPointTheClientDidNotRegisterIsRefusedWith41() {
        RouteClient strategy = client("cli");

        TlibMessage error = routeCall(strategy, "1001", Map.of());

        assertEquals(41L, error.number(Attr.ERROR_CODE));
        assertEquals(0, theSwitch().getReceivedCounter());
    }

    @Test
    void aRouteTheSwitchDidNotTakeLeavesNoDecisionBehind() {
        theSwitch().whenAnyExchangeReceived(exchange -> {
            throw new IllegalStateException("the switch link is down");
        });
        RouteClient strategy = client("cli").register(ROUTING_POINT);

        TlibMessage error = routeCall(strategy, "1001", Map.of("record", "destination"));
        established(CALL, "1001", "5000");

        assertEquals(52L, error.number(Attr.ERROR_CODE));
        assertTrue(recordingsOfTheCall().isEmpty(), () -> "the decision was applied: " + recordingsOfTheCall());
    }
}
