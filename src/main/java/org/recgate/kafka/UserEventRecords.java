package org.recgate.kafka;

import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.recgate.support.RandomUuid;
import org.recgate.tlib.model.Attr;
import org.recgate.tlib.model.TlibMessage;
import org.recgate.tlib.server.ClientSession;
import org.recgate.tlib.server.TlibExchange;
import org.recgate.userevent.ScreenCapture;
import org.recgate.userevent.UserEventRelay;

/** Every relayed EventUserEvent as a {@code user-event/1} record on {@code tlib.user-events} (key: the DN). */
public final class UserEventRecords {

    public static final String QUEUE = "seda:kafka-user-events";
    /** Property: the record published for this exchange (read-only), for what else the event goes to. */
    public static final String RECORD = "RecGateUserEventRecord";

    private final RecordPublisher publisher;
    private final String topic;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();

    public UserEventRecords(RecordPublisher publisher, String topic, Clock clock) {
        this.publisher = publisher;
        this.topic = topic;
        this.clock = clock;
    }

    public void relayed(Exchange exchange) {
        ClientSession sender = exchange.getProperty(TlibExchange.SESSION, ClientSession.class);
        TlibMessage request = exchange.getProperty(TlibExchange.REQUEST, TlibMessage.class);
        TlibMessage event = (TlibMessage) request.get(Attr.EVENT);
        String dn = request.string(Attr.THIS_DN);
        String screenCapture = exchange.getMessage().getHeader(UserEventRelay.SCREEN_CAPTURE_HEADER, String.class);
        Map<String, Object> from = new LinkedHashMap<>();
        from.put("application", sender.applicationName());
        from.put("thisDn", dn);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("schema", "user-event/1");
        record.put("eventId", RandomUuid.next().toString());
        record.put("sequence", sequence.incrementAndGet());
        record.put("time", clock.instant().toString());
        record.put("thisDn", dn);
        if (event.has(Attr.CONNECTION_ID)) {
            record.put("connectionId", event.string(Attr.CONNECTION_ID));
        }
        record.put("userData", KafkaJson.plain(event.kvList(Attr.USER_DATA)));
        if (screenCapture != null) {
            record.put("screenCapture", screenCapture);
        }
        record.put("kind", ScreenCapture.parse(screenCapture).map(ScreenCapture::kind)
                .orElse(ScreenCapture.Kind.OTHER).name().toLowerCase(java.util.Locale.ROOT));
        record.put("from", from);
        exchange.setProperty(RECORD, Collections.unmodifiableMap(record));
        publisher.publish(QUEUE, topic, dn, record);
    }
}
