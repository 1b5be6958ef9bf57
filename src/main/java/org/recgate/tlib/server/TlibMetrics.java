package org.recgate.tlib.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.recgate.session.SessionRegistry;
import org.recgate.support.Meters;
import org.recgate.tlib.model.ErrorCode;
import org.recgate.tlib.model.MessageName;

/**
 * The T-Library listener's meters (docs/operations.md): clients, registrations, requests by message,
 * the time each took to answer, errors by code, slow clients closed, TLS handshakes refused. Every
 * label value is known up front, so every series exists from start-up.
 */
public final class TlibMetrics {

    /** Message names used as tag values; anything else a client sends is counted as "other". */
    static final List<String> KNOWN_MESSAGES = List.of(
            MessageName.REQUEST_REGISTER_CLIENT, MessageName.REQUEST_REGISTER_ADDRESS,
            MessageName.REQUEST_UNREGISTER_ADDRESS, MessageName.REQUEST_PRIVATE_SERVICE,
            MessageName.REQUEST_SEND_EVENT, MessageName.REQUEST_ROUTE_CALL, MessageName.REQUEST_QUERY_CALL,
            MessageName.EVENT_ESTABLISHED, MessageName.EVENT_PARTY_CHANGED, MessageName.EVENT_RELEASED);
    private static final String OTHER = "other";

    private final Map<String, Counter> requests = new HashMap<>();
    private final Map<String, Timer> answerTimes = new HashMap<>();
    private final Map<Integer, Counter> errors = new HashMap<>();
    private final Counter slowClientsClosed;
    private final Counter tlsRefused;

    public TlibMetrics(Meters meters, SessionRegistry sessions) {
        meters.gauge("recgate.tlib.clients", "Connected T-Library clients", sessions, SessionRegistry::connectedClients);
        meters.gauge("recgate.tlib.registrations", "DN registrations held by clients", sessions, SessionRegistry::registrations);
        for (String message : allMessages()) {
            requests.put(message, meters.counter("recgate.tlib.requests",
                    "T-Library lines received, by message name (other: unknown names and bad lines)", "message", message));
            answerTimes.put(message, meters.timer("recgate.tlib.request",
                    "Time from a request's arrival to its answer (EventACK, EventError or its reply event) being written",
                    "message", message));
        }
        for (ErrorCode code : ErrorCode.values()) {
            errors.put(code.code(), meters.counter("recgate.tlib.errors", "EventErrors sent, by error code",
                    "code", Integer.toString(code.code())));
        }
        slowClientsClosed = meters.counter("recgate.tlib.slow.clients.closed",
                "Connections closed because the client did not read its events");
        tlsRefused = meters.counter("recgate.tlib.tls.refused", "Connections closed in the TLS handshake (no TLS,"
                + " TLS 1.1 or older, a client certificate missing or not trusted)");
    }

    private static List<String> allMessages() {
        List<String> all = new java.util.ArrayList<>(KNOWN_MESSAGES);
        all.add(OTHER);
        return all;
    }

    private static String tag(String messageName) {
        return messageName != null && KNOWN_MESSAGES.contains(messageName) ? messageName : OTHER;
    }

    public void request(String messageName) {
        requests.get(tag(messageName)).increment();
    }

    /** A request answered {@code nanos} after it arrived. */
    public void answered(String messageName, long nanos) {
        answerTimes.get(tag(messageName)).record(nanos, TimeUnit.NANOSECONDS);
    }

    public void error(ErrorCode code) {
        errors.get(code.code()).increment();
    }

    void slowClientClosed() {
        slowClientsClosed.increment();
    }

    void tlsRefused() {
        tlsRefused.increment();
    }
}
