package org.recgate.userevent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recgate.kafka.RecordSchemas;

/** The screen-capture/1 MESSAGE body, made from a user-event/1 record; both checked against their schemas. */
class ScreenCaptureMessageTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, Object> userEventRecord(String screenCapture, String connectionId, Map<String, Object> userData) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("schema", "user-event/1");
        record.put("eventId", "7f0c9a52-3c3e-4f0e-9a53-2d1b8c1e4a10");
        record.put("sequence", 42L);
        record.put("time", "2026-05-04T10:15:30.123Z");
        record.put("thisDn", "1001");
        if (connectionId != null) {
            record.put("connectionId", connectionId);
        }
        record.put("userData", userData);
        record.put("screenCapture", screenCapture);
        record.put("kind", "request");
        record.put("from", Map.of("application", "desktop", "thisDn", "1001"));
        return record;
    }

    @Test
    void theBodyCarriesTheEventOfTheUserEventRecord() throws Exception {
        Map<String, Object> userData = new LinkedHashMap<>();
        userData.put("screen-capture", "pause");
        userData.put("reason", "card number");
        userData.put("attempt", 2);
        userData.put("detail", Map.of("blob", Map.of("$binary", "AAEC")));
        Map<String, Object> record = userEventRecord("pause", "00000000000000ab", userData);
        RecordSchemas.assertValid("user-event-1", JSON.writeValueAsString(record));

        JsonNode body = RecordSchemas.assertValid("screen-capture-1", ScreenCaptureMessage.json(record));

        assertEquals("screen-capture/1", body.path("schema").asText());
        assertEquals("7f0c9a52-3c3e-4f0e-9a53-2d1b8c1e4a10", body.path("eventId").asText(), "the Kafka record's eventId");
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
        Map<String, Object> record = userEventRecord("query", null, Map.of("screen-capture", "query"));
        String json = ScreenCaptureMessage.json(record);
        JsonNode body = RecordSchemas.assertValid("screen-capture-1", json);
        assertFalse(body.has("connectionId"), json);
        assertTrue(json.startsWith("{\"schema\":\"screen-capture/1\","), "schema first, compact: " + json);
    }

    @Test
    void theSchemaRefusesAnIndication() throws Exception {
        Map<String, Object> record = userEventRecord("enabled", null, Map.of("screen-capture", "enabled"));
        JsonNode body = JSON.readTree(ScreenCaptureMessage.json(record));
        assertEquals("enabled", body.path("screenCapture").asText());
        AssertionError refused = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> RecordSchemas.assertValid("screen-capture-1", body.toString()));
        assertTrue(refused.getMessage().contains("screenCapture"), refused.getMessage());
    }
}
