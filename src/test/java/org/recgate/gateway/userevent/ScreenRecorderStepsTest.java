package org.recgate.gateway.userevent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recgate.sip.MessageResult;
import org.recgate.support.Meters;
import org.recgate.userevent.UserEvent;
import org.recgate.userevent.UserEvents;

/** How each MESSAGE's outcome is counted (which user events go: the route's filter, ScreenRecorderMessagesIT). */
class ScreenRecorderStepsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ScreenRecorderSteps configured = new ScreenRecorderSteps(
            List.of("sip:screen@192.0.2.5", "sip:backup@192.0.2.6"), new Meters(meters));
    private final UserEvent start = new UserEvents(Clock.systemUTC())
            .received("1001", null, Map.of("screen-capture", "start"), "start", "desktop");

    @Test
    void eachTargetsOutcomeIsCounted() {
        configured.sent(List.of(new MessageResult("sip:screen@192.0.2.5", true, 200, "200 OK"),
                new MessageResult("sip:backup@192.0.2.6", false, 486, "486 Busy Here")), start);
        configured.sent(List.of(new MessageResult("sip:screen@192.0.2.5", false, null, "no final answer within 5000 ms"),
                new MessageResult("sip:backup@192.0.2.6", true, 202, "202 Accepted")), start);
        assertEquals(2.0, count("delivered"));
        assertEquals(2.0, count("failed"));
    }

    @Test
    void theBodyIsBuiltFromTheUserEvent() {
        String body = configured.body(start);
        assertEquals(true, body.contains("\"screen-capture/1\""), body);
        assertEquals(true, body.contains("\"1001\""), body);
    }

    private double count(String outcome) {
        return meters.get("recgate.screen.recorder.messages").tag("outcome", outcome).counter().count();
    }
}
