package org.recgate.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.recgate.call.CallChange;
import org.recgate.gateway.recording.CallChangeSteps;
import org.recgate.tlib.model.Attr;
import org.recgate.tlib.model.TlibMessage;

/**
 * call-feed.camel.yaml: EventEstablished, EventPartyChanged and EventReleased from a client with the switch role
 * (2002 for anyone else) keep the call registry up to date; each change goes on to call-changed (mocked here) and
 * an event is answered only when it carries an AttrReferenceID (docs/protocol.md, Call feed).
 */
@CamelMainTest(propertyPlaceholderLocations = {RouteTestSupport.TEST_SETTINGS, RouteTestSupport.SETTINGS},
        properties = RouteFiles.LOAD + RouteFiles.CALL_FEED + RouteFiles.TLIB_ERRORS,
        mockEndpointsAndSkip = "direct:(call-changed|audit)")
class CallFeedRouteTest extends RouteTestSupport {

    private static final String FEED = "direct:call-feed";
    private static final String CALL = "00000000000000c1";

    private MockEndpoint callChanged() {
        return mock("direct:call-changed");
    }

    private CallChange change(int n) {
        return callChanged().getExchanges().get(n).getProperty(CallChangeSteps.CALL_CHANGE, CallChange.class);
    }

    private static TlibMessage established(RouteClient client) {
        return client.message("EventEstablished").with(Attr.CONNECTION_ID, CALL).with(Attr.THIS_DN, "1001")
                .with(Attr.OTHER_DN, "5000").with(Attr.CALL_UUID, "UUID1");
    }

    @Test
    void anEventUpdatesTheCallAndItsChangeGoesOn() {
        RouteClient feed = client("switch");

        TlibMessage ack = feed.request(FEED, established(feed));
        feed.request(FEED, feed.message("EventPartyChanged").with(Attr.CONNECTION_ID, CALL)
                .with(Attr.THIRD_PARTY_DN, "1001").with(Attr.OTHER_DN, "1002"));
        feed.request(FEED, feed.message("EventReleased").with(Attr.CONNECTION_ID, CALL).with(Attr.THIS_DN, "1002"));
        TlibMessage lastOneOut = feed.request(FEED, feed.message("EventReleased").with(Attr.CONNECTION_ID, CALL).with(Attr.THIS_DN, "5000"));

        assertEquals("EventACK", ack.name());
        assertEquals(CALL, ack.string(Attr.CONNECTION_ID));
        assertEquals("EventACK", lastOneOut.name());
        assertEquals(4, callChanged().getReceivedCounter());
        assertEquals(Set.of("1001", "5000"), change(0).joined());
        assertEquals("UUID1", change(0).call().callUuid());
        assertEquals(Set.of("1002"), change(1).joined());
        assertEquals(Set.of("1001"), change(1).left());
        assertEquals(Set.of("1002"), change(2).left());
        assertTrue(change(3).ended(), "no party left");
    }

    @Test
    void anEventWithoutReferenceIdIsNotAnswered() {
        RouteClient feed = client("switch");

        Exchange done = feed.send(FEED, TlibMessage.of("EventEstablished").with(Attr.CONNECTION_ID, CALL)
                .with(Attr.THIS_DN, "1001").with(Attr.OTHER_DN, "5000"));

        assertNull(done.getMessage().getBody(), "tlib-dispatch sends no reply for an empty body");
        assertEquals(1, callChanged().getReceivedCounter());
        assertTrue(feed.received().isEmpty());
    }

    @Test
    void onlyTheSwitchMayFeedCalls() {
        RouteClient desktop = client("desktop");

        TlibMessage error = desktop.request(FEED, established(desktop));

        assertEquals(2002L, error.number(Attr.ERROR_CODE));
        assertEquals(0, callChanged().getReceivedCounter());
    }

    @Test
    void anEventAboutACallNobodyEstablishedIsRefusedWith56() {
        RouteClient feed = client("switch");

        TlibMessage error = feed.request(FEED, feed.message("EventReleased").with(Attr.CONNECTION_ID, CALL).with(Attr.THIS_DN, "1001"));

        assertEquals(56L, error.number(Attr.ERROR_CODE));
        assertEquals(0, callChanged().getReceivedCounter());
    }
}
