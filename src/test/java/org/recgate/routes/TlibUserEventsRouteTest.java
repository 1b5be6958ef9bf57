package org.recgate.routes;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWithRouteBuilder;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.model.WireTapDefinition;
import org.apache.camel.test.main.junit5.AdviceRouteMapping;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.recgate.gateway.userevent.UserEventSteps;
import org.recgate.tlib.model.Attr;
import org.recgate.tlib.model.RegisterMode;
import org.recgate.tlib.model.TlibMessage;
import org.recgate.userevent.ScreenCapture;
import org.recgate.userevent.UserEvent;

/**
 * tlib-user-events.camel.yaml: RequestSendEvent relayed to the DN's other clients and published as a user-event/1
 * record keyed by the DN; the choice on the screen-capture value (docs/recording.md §6): a desktop command, a vendor
 * indication (remembered as the DN's state), or an error (53); a desktop command wire-tapped to seda:screen-recorder
 * only when recgate.screen-recorder.uri is set. The wire tap is observed by a step woven in just before it.
 */
@CamelMainTest(propertyPlaceholderLocations = {RouteTestSupport.TEST_SETTINGS, RouteTestSupport.SETTINGS},
        properties = RouteFiles.LOAD + RouteFiles.TLIB_USER_EVENTS + RouteFiles.TLIB_ERRORS + RouteFiles.KAFKA_PUBLISH,
        mockEndpointsAndSkip = "(kafka:.*|direct:audit)",
        advices = @AdviceRouteMapping(route = "tlib-user-events", advice = TlibUserEventsRouteTest.TapObserved.class))
class TlibUserEventsRouteTest extends RouteTestSupport {

    private static final String USER_EVENT = "direct:user-event";

    /** A step just before the wire tap: it runs, on the request's thread, exactly when the tap does. */
    static class TapObserved extends AdviceWithRouteBuilder {
        @Override
        public void configure() {
            weaveByType(WireTapDefinition.class).before().to("mock:screen-recorder-tap");
        }
    }

    private static TlibMessage sendEvent(RouteClient client, String dn, String screenCapture) {
        Map<String, Object> userData = screenCapture == null ? Map.of("note", "hello") : Map.of(ScreenCapture.KEY, screenCapture);
        return client.message("RequestSendEvent").with(Attr.THIS_DN, dn).with(Attr.EVENT, TlibMessage.of("EventUserEvent")
                .with(Attr.THIS_DN, dn).with(Attr.CONNECTION_ID, "00000000000000ab").with(Attr.USER_DATA, userData));
    }

    private String topic() {
        return setting("recgate.kafka.topic.user-events");
    }

    private int tapped() {
        return mock("screen-recorder-tap").getReceivedCounter();
    }

    @Test
    void aUserEventGoesToTheDnsOtherClientsAndToKafkaKeyedByTheDn() {
        RouteClient desktop = client("desktop").register("1001");
        RouteClient vendor = client("vendor").register("1001", RegisterMode.MONITOR);
        RouteClient elsewhere = client("desktop-2").register("1002");

        TlibMessage ack = desktop.request(USER_EVENT, sendEvent(desktop, "1001", null));

        assertEquals("EventACK", ack.name());
        assertEquals(Map.of("delivered", 1L), ack.kvList(Attr.EXTENSIONS));
        TlibMessage relayed = vendor.received("EventUserEvent").get(0);
        assertEquals("1001", relayed.string(Attr.THIS_DN));
        assertEquals(Map.of("note", "hello"), relayed.kvList(Attr.USER_DATA));
        assertTrue(desktop.received().isEmpty(), "not back to the sender");
        assertTrue(elsewhere.received().isEmpty());
        PublishedRecord record = awaitPublished(topic(), 1).get(0);
        assertEquals("1001", record.key());
        assertEquals("user-event/1", record.value().get("schema"));
        assertEquals("other", record.value().get("kind"));
        assertEquals(Map.of("application", "desktop", "thisDn", "1001"), record.map("from"));
        assertEquals(0, tapped());
    }

    @ParameterizedTest
    @EnumSource(value = ScreenCapture.class, names = {"START", "STOP", "PAUSE", "RESUME", "QUERY"})
    void aDesktopCommandIsRelayedButGoesToNoScreenRecorderWhenNoneIsSet(ScreenCapture command) {
        RouteClient desktop = client("desktop").register("1001");
        RouteClient vendor = client("vendor").register("1001", RegisterMode.MONITOR);

        TlibMessage ack = desktop.request(USER_EVENT, sendEvent(desktop, "1001", command.wireValue()));

        assertEquals(1L, ack.kvList(Attr.EXTENSIONS).get("delivered"));
        assertEquals(command.wireValue(), vendor.received("EventUserEvent").get(0).kvList(Attr.USER_DATA).get(ScreenCapture.KEY));
        assertEquals("request", awaitPublished(topic(), 1).get(0).value().get("kind"));
        assertEquals(0, tapped(), "recgate.screen-recorder.uri is empty");
    }

    @ParameterizedTest
    @EnumSource(value = ScreenCapture.class, names = {"ENABLED", "DISABLED", "PAUSED"})
    void aVendorIndicationIsRememberedAndAnswersAQueryNoVendorHears(ScreenCapture indication) {
        RouteClient vendor = client("vendor").register("1001");
        RouteClient desktop = client("desktop").register("1001");

        vendor.request(USER_EVENT, sendEvent(vendor, "1001", indication.wireValue()));
        vendor.disconnect();
        TlibMessage answer = desktop.request(USER_EVENT, sendEvent(desktop, "1001", "query"));

        assertEquals(indication.wireValue(), desktop.received("EventUserEvent").get(0).kvList(Attr.USER_DATA).get(ScreenCapture.KEY));
        assertEquals(Map.of("delivered", 0L, ScreenCapture.KEY, indication.wireValue()), answer.kvList(Attr.EXTENSIONS));
    }

    @Test
    void anUnknownScreenCaptureValueIsRefusedWith53AndNotRelayed() {
        RouteClient desktop = client("desktop").register("1001");
        RouteClient vendor = client("vendor").register("1001");

        TlibMessage error = desktop.request(USER_EVENT, sendEvent(desktop, "1001", "record"));

        assertEquals(53L, error.number(Attr.ERROR_CODE));
        assertTrue(error.string(Attr.ERROR_MESSAGE).contains("'record'"), error::toString);
        assertTrue(vendor.received().isEmpty());
        assertEquals(0, count("recgate.kafka.records.queued", "topic", topic()));
        assertEquals(1, mock("direct:audit").getReceivedCounter());
    }

    @Test
    void aSenderThatDoesNotActForTheDnIsRefusedWith41() {
        RouteClient desktop = client("desktop").register("1001", RegisterMode.MONITOR);
        RouteClient other = client("desktop-2").register("1001");

        TlibMessage error = desktop.request(USER_EVENT, sendEvent(desktop, "1001", null));

        assertEquals(41L, error.number(Attr.ERROR_CODE));
        assertTrue(other.received().isEmpty());
    }

    /** A broker outage that filled the user-events queue (its publisher is stopped here): requests are still answered. */
    @Nested
    @CamelMainTest(properties = "recgate.kafka.queue-size=1")
    class WhenTheQueueIsFull {

        @Test
        void theEventIsRelayedAndAcknowledgedAndItsRecordDroppedAndCounted() throws Exception {
            context.getRouteController().stopRoute("publish-user-events");
            RouteClient desktop = client("desktop").register("1001");
            RouteClient vendor = client("vendor").register("1001");

            desktop.request(USER_EVENT, sendEvent(desktop, "1001", null));
            TlibMessage ack = desktop.request(USER_EVENT, sendEvent(desktop, "1001", null));

            assertEquals("EventACK", ack.name());
            assertEquals(2, vendor.received("EventUserEvent").size());
            assertEquals(1, count("recgate.kafka.records.dropped", "topic", topic()));
            context.getRouteController().startRoute("publish-user-events");
            awaitPublished(topic(), 1);
        }
    }

    /** recgate.screen-recorder.uri set: desktop commands also go to the screen-recorder route's queue. */
    @Nested
    @CamelMainTest(properties = "recgate.screen-recorder.uri=sip:screens@127.0.0.1:5999")
    class WithAScreenRecorder {

        private List<Exchange> queued() {
            return context.getEndpoint("seda:screen-recorder", SedaEndpoint.class).getExchanges();
        }

        @ParameterizedTest
        @EnumSource(value = ScreenCapture.class, names = {"START", "STOP", "PAUSE", "RESUME", "QUERY"})
        void aDesktopCommandIsWireTappedToTheScreenRecorder(ScreenCapture command) {
            RouteClient desktop = client("desktop").register("1001");

            TlibMessage ack = desktop.request(USER_EVENT, sendEvent(desktop, "1001", command.wireValue()));

            assertEquals("EventACK", ack.name());
            assertEquals(1, tapped());
            await().atMost(TIMEOUT).until(() -> queued().size() == 1);
            UserEvent event = queued().get(0).getProperty(UserEventSteps.USER_EVENT, UserEvent.class);
            assertEquals(command.wireValue(), event.screenCapture());
            assertEquals("1001", event.dn());
        }

        @ParameterizedTest
        @EnumSource(value = ScreenCapture.class, names = {"ENABLED", "DISABLED", "PAUSED"})
        void aVendorIndicationIsNot(ScreenCapture indication) {
            RouteClient vendor = client("vendor").register("1001");

            vendor.request(USER_EVENT, sendEvent(vendor, "1001", indication.wireValue()));

            assertEquals(0, tapped());
        }

        @Test
        void norIsAnOrdinaryUserEvent() {
            RouteClient desktop = client("desktop").register("1001");

            desktop.request(USER_EVENT, sendEvent(desktop, "1001", null));

            assertEquals(0, tapped());
            assertFalse(queued().iterator().hasNext());
        }
    }
}
