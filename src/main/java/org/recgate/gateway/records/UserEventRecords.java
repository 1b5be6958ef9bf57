package org.recgate.gateway.records;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.ExchangeProperty;
import org.recgate.gateway.userevent.UserEventFields;
import org.recgate.gateway.userevent.UserEventSteps;
import org.recgate.tlib.json.PlainJson;
import org.recgate.userevent.UserEvent;

/** The {@code user-event/1} record of a relayed user event (docs/kafka.md), for {@code tlib.user-events}, keyed by DN. */
public final class UserEventRecords {

    public Map<String, Object> record(@ExchangeProperty(UserEventSteps.USER_EVENT) UserEvent event) {
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
