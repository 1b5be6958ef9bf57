package org.recgate.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.InterceptSendToEndpoint;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.recgate.gateway.userevent.UserEventSteps;
import org.recgate.sip.MessageResult;
import org.recgate.sip.component.SipRecorderEndpoint;
import org.recgate.userevent.ScreenCapture;
import org.recgate.userevent.UserEvent;
import org.recgate.userevent.UserEvents;

/**
 * screen-recorder.camel.yaml: a desktop's screen-capture command from the wire tap of tlib-user-events becomes a
 * SIP MESSAGE with a screen-capture/1 body to each screen recorder of recgate.screen-recorder.uri, through the
 * sip-recorder endpoint (its producer mocked: no SIP peer); each MESSAGE's outcome is counted, one that could not
 * be sent counts a failure per target, and none is retried (docs/recording.md §6).
 */
@CamelMainTest(propertyPlaceholderLocations = {RouteTestSupport.TEST_SETTINGS, RouteTestSupport.SETTINGS},
        properties = {RouteFiles.LOAD + RouteFiles.SCREEN_RECORDER,
                "recgate.screen-recorder.uri=sip:screens@127.0.0.1:5998, sip:backup@127.0.0.1:5999"},
        mockEndpointsAndSkip = "sip-recorder:.*")
class ScreenRecorderRouteTest extends RouteTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCREENS = "sip:screens@127.0.0.1:5998";
    private static final String BACKUP = "sip:backup@127.0.0.1:5999";
    private static final String METER = "recgate.screen.recorder.messages";

    private final UserEvent start = new UserEvents(Clock.systemUTC())
            .received("1001", "00000000000000ab", Map.of(ScreenCapture.KEY, "start"), "start", "desktop");

    private MockEndpoint screenRecorders() {
        return mock("sip-recorder:message");
    }

    /** Hands the command to the route as the wire tap does, and waits until the route is done with it. */
    private void tapped(UserEvent event) {
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("screen-recorder").whenDone(1).create();
        template.send("seda:screen-recorder", exchange -> exchange.setProperty(UserEventSteps.USER_EVENT, event));
        assertTrue(done.matches(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "the route did not finish");
    }

    private void answer(MessageResult... results) {
        screenRecorders().whenAnyExchangeReceived(exchange -> exchange.getMessage().setBody(List.of(results)));
    }

    @Test
    void aCommandBecomesOneMessageToEachScreenRecorder() throws Exception {
        answer(new MessageResult(SCREENS, true, 200, "200 OK"), new MessageResult(BACKUP, true, 202, "202 Accepted"));

        tapped(start);

        assertEquals(1, screenRecorders().getReceivedCounter(), "one exchange; the endpoint sends one MESSAGE per target");
        // the route's real endpoint, behind the mock's interception
        SipRecorderEndpoint endpoint = context.getEndpoints().stream().filter(InterceptSendToEndpoint.class::isInstance)
                .map(e -> ((InterceptSendToEndpoint) e).getOriginalEndpoint()).filter(SipRecorderEndpoint.class::isInstance)
                .map(SipRecorderEndpoint.class::cast).findFirst().orElseThrow();
        assertEquals(List.of(SCREENS, BACKUP), endpoint.getConfiguration().messageTargets());
        Map<String, Object> body = JSON.readValue(screenRecorders().getExchanges().get(0).getMessage().getBody(String.class),
                new TypeReference<>() { });
        assertEquals("screen-capture/1", body.get("schema"));
        assertEquals(start.eventId(), body.get("eventId"));
        assertEquals("1001", body.get("thisDn"));
        assertEquals("start", body.get("screenCapture"));
        assertEquals(Map.of("application", "desktop"), body.get("from"));
        assertEquals(2, count(METER, "outcome", "delivered"));
        assertEquals(0, count(METER, "outcome", "failed"));
    }

    @Test
    void aScreenRecorderThatDidNotTakeItIsCountedAsFailed() {
        answer(new MessageResult(SCREENS, true, 200, "200 OK"), new MessageResult(BACKUP, false, 486, "486 Busy Here"));

        tapped(start);

        assertEquals(1, count(METER, "outcome", "delivered"));
        assertEquals(1, count(METER, "outcome", "failed"));
    }

    @Test
    void aMessageThatCouldNotBeSentCountsAFailurePerTargetAndIsNotRetried() {
        screenRecorders().whenAnyExchangeReceived(exchange -> {
            throw new IllegalStateException("the SIP stack is stopping");
        });

        tapped(start);

        assertEquals(1, screenRecorders().getReceivedCounter());
        assertEquals(2, count(METER, "outcome", "failed"));
        assertEquals(0, count(METER, "outcome", "delivered"));
    }
}
