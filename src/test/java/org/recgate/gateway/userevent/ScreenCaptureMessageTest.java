package org.recgate.gateway.userevent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import java.time.Instant;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultMessage;
import org.recgate.gateway.records.UserEventRecords;
import org.recgate.kafka.RecordSchemas;
import org.recgate.userevent.UserEvent;

/** The screen-capture/1 MESSAGE body, made from the user event, like its user-event/1 record; both checked against their schemas. */
class ScreenCaptureMessageTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static UserEvent userEvent(String screenCapture, String connectionId, Map<String, Object> userData) {
        return new UserEvent("7f0c9a52-3c3e-4f0e-9a53-2d1b8c1e4a10", 42L, Instant.parse("2026-05-04T10:15:30.123Z"),
                "1001", connectionId, userData, screenCapture, "desktop");
    }

    @Test
    void theBodyCarriesTheEventOfTheUserEventRecord() throws Exception {
        Map<String, Object> userData = new LinkedHashMap<>();
        userData.put("screen-capture", "pause");
        userData.put("reason", "card number");
        userData.put("attempt", 2);
        userData.put("detail", Map.of("blob", Map.of("$binary", "AAEC")));
        UserEvent event = userEvent("pause", "00000000000000ab", userData);
        Message message = new DefaultMessage(new DefaultCamelContext());
        RecordSchemas.assertValid("user-event-1", JSON.writeValueAsString(new UserEventRecords().record(event, message)));
        assertEquals(event.dn(), message.getHeader("kafka.KEY"), "keyed by DN");

        JsonNode body = RecordSchemas.assertValid("screen-capture-1", ScreenCaptureMessage.json(event));

        assertEquals("screen-capture/1", body.path("schema").asText());
        assertEquals("7f0c9a52-3c3e-4f0e-9a53-2d1b8c1e4a10", body.path("eventId").asText(), "the event's id, the same as its Kafka record's");
        assertEquals(42, body.path("sequence").asLong());
        assertEquals("2026-05-04T10:15:30.123Z", body.path("time").asText());
        assertEquals("1001", body.path("thisDn").asText());
        assertEquals("00000000000000ab", body.path("connectionId").asText());
        assertEquals("pause", body.path("screenCapture").asText());
        assertEquals(JSON.valueToTree(userData), body.path("userData"));
        assertEquals(JSON.readTree("{\"application\":\"desktop\"}"), body.path("from"));
        assertFalse(body.has("kind"), "only commands are sent: no kind");
    }

    @Test
    void noConnectionIdMeansNoField() throws Exception {
        String json = ScreenCaptureMessage.json(userEvent("query", null, Map.of("screen-capture", "query")));
        JsonNode body = RecordSchemas.assertValid("screen-capture-1", json);
        assertFalse(body.has("connectionId"), json);
        assertTrue(json.startsWith("{\"schema\":\"screen-capture/1\","), "schema first, compact: " + json);
    }

    @Test
    void theSchemaRefusesAnIndication() throws Exception {
        JsonNode body = JSON.readTree(ScreenCaptureMessage.json(userEvent("enabled", null, Map.of("screen-capture", "enabled"))));
        assertEquals("enabled", body.path("screenCapture").asText());
        AssertionError refused = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> RecordSchemas.assertValid("screen-capture-1", body.toString()));
        assertTrue(refused.getMessage().contains("screenCapture"), refused.getMessage());
    }
}
