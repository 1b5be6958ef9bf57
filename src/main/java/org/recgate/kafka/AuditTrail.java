package org.recgate.kafka;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.recgate.tlib.model.Attr;
import org.recgate.tlib.model.FrameError;
import org.recgate.tlib.model.InboundFrame;
import org.recgate.tlib.model.TlibMessage;
import org.recgate.tlib.server.ClientSession;
import org.recgate.tlib.server.TlibExchange;

/**
 * Every request and its outcome, as an {@code audit/1} record on {@code tlib.audit} (key: the
 * client id). Called by the dispatch route once a request is answered, and by the error route
 * configuration after an EventError.
 */
public final class AuditTrail {

    public static final String QUEUE = "seda:kafka-audit";

    private final RecordPublisher publisher;
    private final String topic;
    private final Clock clock;

    public AuditTrail(RecordPublisher publisher, String topic, Clock clock) {
        this.publisher = publisher;
        this.topic = topic;
        this.clock = clock;
    }

    public void answered(Exchange exchange) {
        ClientSession session = exchange.getProperty(TlibExchange.SESSION, ClientSession.class);
        InboundFrame frame = exchange.getProperty(TlibExchange.REQUEST, InboundFrame.class);
        if (session == null || frame == null) {
            return;
        }
        Integer errorCode = exchange.getProperty(TlibExchange.ERROR_CODE, Integer.class);
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("id", session.clientId());
        client.put("application", session.applicationName());
        client.put("remote", String.valueOf(session.remoteAddress()));
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("schema", "audit/1");
        record.put("time", clock.instant().toString());
        record.put("client", client);
        if (frame instanceof TlibMessage request) {
            record.put("message", request.name());
            record.put("referenceId", request.referenceId());
            record.put("thisDn", request.string(Attr.THIS_DN));
            record.put("connectionId", request.string(Attr.CONNECTION_ID));
        } else {
            record.put("message", "(malformed)");
            record.put("referenceId", ((FrameError) frame).referenceId());
        }
        record.put("outcome", errorCode == null ? "ack" : "error");
        record.put("errorCode", errorCode);
        record.values().removeIf(java.util.Objects::isNull);
        publisher.publish(QUEUE, topic, Long.toString(session.clientId()), record);
    }
}
