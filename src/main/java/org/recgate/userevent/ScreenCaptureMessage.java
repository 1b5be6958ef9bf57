package org.recgate.userevent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON body of the SIP MESSAGE a screen recorder gets for a desktop's screen-capture command
 * ({@code screen-capture/1}, src/main/resources/schemas/screen-capture-1.schema.json). It is made
 * from the {@code user-event/1} record of the same event, so both carry the same {@code eventId},
 * {@code sequence} and {@code time}: a screen recorder can order MESSAGEs, which RFC 3428 does
 * not, by {@code sequence}.
 */
public final class ScreenCaptureMessage {

    public static final String SCHEMA = "screen-capture/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ScreenCaptureMessage() {
    }

    /** The body for the {@code user-event/1} record {@code record} (whose {@code screenCapture} is a command). */
    public static String json(Map<String, Object> record) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schema", SCHEMA);
        for (String key : new String[] {"eventId", "sequence", "time", "thisDn", "connectionId", "screenCapture", "userData"}) {
            if (record.get(key) != null) {
                body.put(key, record.get(key));
            }
        }
        Object from = record.get("from");
        if (from instanceof Map<?, ?> sender) {
            Map<String, Object> application = new LinkedHashMap<>();
            application.put("application", sender.get("application"));
            body.put("from", application);
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the user event cannot be written as JSON: " + e.getMessage(), e);
        }
    }
}
