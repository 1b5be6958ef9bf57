package org.recgate.userevent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recgate.ops.TlibMetrics;
import org.recgate.sip.MessageResult;

/** How each MESSAGE's outcome is counted (which user events go: the route's filter, ScreenRecorderMessagesIT). */
class ScreenRecorderMessagesTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ScreenRecorderMessages configured = new ScreenRecorderMessages(
            List.of("sip:screen@192.0.2.5", "sip:backup@192.0.2.6"), new TlibMetrics(meters));

    @Test
    void eachTargetsOutcomeIsCounted() {
        Map<String, Object> record = Map.of("screenCapture", "start", "thisDn", "1001", "eventId", "e1");
        configured.sent(List.of(new MessageResult("sip:screen@192.0.2.5", true, 200, "200 OK"),
                new MessageResult("sip:backup@192.0.2.6", false, 486, "486 Busy Here")), record);
        configured.sent(List.of(new MessageResult("sip:screen@192.0.2.5", false, null, "no final answer within 5000 ms"),
                new MessageResult("sip:backup@192.0.2.6", true, 202, "202 Accepted")), record);
        assertEquals(2.0, count("delivered"));
        assertEquals(2.0, count("failed"));
    }

    private double count(String outcome) {
        return meters.get("recgate.screen.recorder.messages").tag("outcome", outcome).counter().count();
    }
}
