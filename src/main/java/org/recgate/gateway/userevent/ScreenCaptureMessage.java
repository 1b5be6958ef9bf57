package org.recgate.gateway.userevent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.recgate.tlib.json.PlainJson;
import org.recgate.userevent.UserEvent;

/**
 * The JSON body of the SIP MESSAGE a screen recorder gets for a desktop's screen-capture command
 * ({@code screen-capture/1}, src/main/resources/schemas/screen-capture-1.schema.json). It carries
 * the event's {@code eventId}, {@code sequence} and {@code time}, as its {@code user-event/1} record
 * does: a screen recorder can order MESSAGEs, which RFC 3428 does not, by {@code sequence}.
 */
public final class ScreenCaptureMessage {

    public static final String SCHEMA = "screen-capture/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ScreenCaptureMessage() {
    }

    /** The body for {@code event} (whose {@code screen-capture} value is a command). */
    public static String json(UserEvent event) {
        Map<String, Object> body = UserEventFields.first(SCHEMA, event);
        body.put("screenCapture", event.screenCapture());
        body.put("userData", PlainJson.plain(event.userData()));
        if (event.application() != null) {
            body.put("from", Map.of("application", event.application()));
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the user event cannot be written as JSON: " + e.getMessage(), e);
        }
    }
}
