package org.recgate.gateway.records;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.camel.Exchange;
import org.recgate.gateway.TlibExchange;
import org.recgate.session.ClientSession;
import org.recgate.tlib.model.Attr;
import org.recgate.tlib.model.FrameError;
import org.recgate.tlib.model.InboundFrame;
import org.recgate.tlib.model.MessageName;
import org.recgate.tlib.model.TlibMessage;

/**
 * The {@code audit/1} record of a request and its outcome (docs/kafka.md), for {@code tlib.audit},
 * keyed by client id: made by the {@code audit} route for every request, answered or refused.
 */
public final class AuditRecords {

    private final Clock clock;

    public AuditRecords(Clock clock) {
        this.clock = clock;
    }

    /**
     * The record, or null when there is no request to audit (a connection that closed meanwhile);
     * its Kafka key, the client id, in the header {@value RecordKeys#KAFKA_KEY}.
     */
    public Map<String, Object> record(Exchange exchange) {
        ClientSession session = exchange.getProperty(TlibExchange.SESSION, ClientSession.class);
        InboundFrame frame = exchange.getProperty(TlibExchange.REQUEST, InboundFrame.class);
        if (session == null || frame == null) {
            return null;
        }
        Integer errorCode = exchange.getProperty(TlibExchange.ERROR_CODE, Integer.class);
        exchange.getMessage().setHeader(RecordKeys.KAFKA_KEY, String.valueOf(session.clientId()));
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("id", session.clientId());
        if (session.applicationName() != null) { // not before RequestRegisterClient succeeded
            client.put("application", session.applicationName());
        }
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
            if (MessageName.REQUEST_REGISTER_CLIENT.equals(request.name())) {
                // the name tried, also when refused: failed logins are audited (docs/security.md)
                record.put("applicationName", request.string(Attr.APPLICATION_NAME));
            }
        } else {
            record.put("message", "(malformed)");
            record.put("referenceId", ((FrameError) frame).referenceId());
        }
        record.put("outcome", errorCode == null ? "ack" : "error");
        record.put("errorCode", errorCode);
        record.values().removeIf(Objects::isNull);
        return record;
    }
}
