package org.recgate.gateway.userevent;

import java.util.LinkedHashMap;
import java.util.Map;
import org.recgate.userevent.UserEvent;

/**
 * The fields a user event's {@code user-event/1} record and a screen recorder's {@code screen-capture/1}
 * MESSAGE both begin with: the same {@code eventId}, {@code sequence} and {@code time}, then its DN and
 * the call it is about (docs/kafka.md, user-event/1).
 */
public final class UserEventFields {

    private UserEventFields() {
    }

    /** {@code schema}, the event's identity, {@code thisDn} and, when the event names a call, {@code connectionId}; in that order. */
    public static Map<String, Object> first(String schema, UserEvent event) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("schema", schema);
        fields.put("eventId", event.eventId());
        fields.put("sequence", event.sequence());
        fields.put("time", event.time().toString());
        fields.put("thisDn", event.dn());
        if (event.connectionId() != null) {
            fields.put("connectionId", event.connectionId());
        }
        return fields;
    }
}
