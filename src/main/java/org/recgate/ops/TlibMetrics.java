package org.recgate.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.recgate.tlib.model.MessageName;

/**
 * The gateway's own meters, on the Prometheus registry behind {@code /observe/metrics}:
 * connected clients, DN registrations, requests by message, errors by code, slow clients closed,
 * Kafka records, SIP MESSAGEs to the screen recorder.
 */
public final class TlibMetrics {

    /** Request names used as tag values; anything else a client sends is counted as "other". */
    private static final Set<String> KNOWN_REQUESTS = Set.of(
            MessageName.REQUEST_REGISTER_CLIENT, MessageName.REQUEST_REGISTER_ADDRESS,
            MessageName.REQUEST_UNREGISTER_ADDRESS, MessageName.REQUEST_PRIVATE_SERVICE,
            MessageName.REQUEST_SEND_EVENT, MessageName.REQUEST_ROUTE_CALL, MessageName.REQUEST_QUERY_CALL,
            MessageName.EVENT_ESTABLISHED, MessageName.EVENT_PARTY_CHANGED, MessageName.EVENT_RELEASED);

    private final MeterRegistry registry;
    private final Counter slowClientsClosed;

    public TlibMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.slowClientsClosed = Counter.builder("recgate.tlib.slow.clients.closed")
                .description("Connections closed because the client did not read its events")
                .register(registry);
    }

    public <T> void gauge(String name, String description, T source, ToDoubleFunction<T> value) {
        Gauge.builder(name, source, value).description(description).register(registry);
    }

    public void request(String messageName) {
        String tag = messageName != null && KNOWN_REQUESTS.contains(messageName) ? messageName : "other";
        registry.counter("recgate.tlib.requests", "message", tag).increment();
    }

    public void error(int code) {
        registry.counter("recgate.tlib.errors", "code", Integer.toString(code)).increment();
    }

    public void slowClientClosed() {
        slowClientsClosed.increment();
    }

    public void kafkaRecordQueued(String topic) {
        registry.counter("recgate.kafka.records.queued", "topic", topic).increment();
    }

    public void kafkaRecordDropped(String topic) {
        registry.counter("recgate.kafka.records.dropped", "topic", topic).increment();
    }

    /** A record Kafka did not take and that is not sent again: {@code expired} (delivery timeout) or {@code failed}. */
    public void kafkaRecordUndelivered(String topic, String reason) {
        registry.counter("recgate.kafka.records.undelivered", "topic", topic, "reason", reason).increment();
    }

    public void callEventApplied() {
        registry.counter("recgate.kafka.call.events", "outcome", "applied").increment();
    }

    public void callEventSkipped() {
        registry.counter("recgate.kafka.call.events", "outcome", "skipped").increment();
    }

    /** One SIP MESSAGE to a screen recorder: {@code delivered} (a 2xx) or {@code failed}. */
    public void screenRecorderMessage(boolean delivered) {
        registry.counter("recgate.screen.recorder.messages", "outcome", delivered ? "delivered" : "failed").increment();
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** A DN file reload: {@code applied}, or {@code rejected} (the previous file stays in force). */
    public void dnFileReload(boolean applied) {
        registry.counter("recgate.dn.file.reloads", "outcome", applied ? "applied" : "rejected").increment();
    }

    /** An automatic recording (full-time, routing) that did not start: refused by the recorder, or none could be made. */
    public void automaticRecordingFailed(String cause) {
        registry.counter("recgate.recordings.automatic.failed", "cause", cause).increment();
    }
}
