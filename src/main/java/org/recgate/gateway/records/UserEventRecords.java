package org.recgate.gateway.records;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.recgate.gateway.userevent.UserEventFields;
import org.recgate.gateway.userevent.UserEventSteps;
import org.recgate.tlib.json.PlainJson;
import org.recgate.userevent.UserEvent;

/** The {@code user-event/1} record of a relayed user event (docs/kafka.md), for {@code tlib.user-events}, keyed by DN. */
public final class UserEventRecords {

    /** The record of the event; its Kafka key, the DN, in the header {@value RecordKeys#KAFKA_KEY}. */
    public Map<String, Object> record(@ExchangeProperty(UserEventSteps.USER_EVENT) UserEvent event, Message message) {
        message.setHeader(RecordKeys.KAFKA_KEY, event.dn());
        Map<String, Object> from = new LinkedHashMap<>();
        from.put("application", event.application());
        from.put("thisDn", event.dn());
        Map<String, Object> record = UserEventFields.first("user-event/1", event);
        record.put("userData", PlainJson.plain(event.userData()));
        if (event.screenCapture() != null) {
            record.put("screenCapture", event.screenCapture());
        }
        record.put("kind", event.kindName());
        record.put("from", from);
        return record;
    }
}
