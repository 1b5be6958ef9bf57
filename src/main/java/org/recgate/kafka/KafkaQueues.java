package org.recgate.kafka;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publishing queues' steps (kafka-publish.camel.yaml): each record is handed, as its JSON bytes,
 * to the queue named after its topic ({@code seda:<topic>}, a {@link PublishingQueue}) in a doTry
 * that counts each hand-over and, in its doCatch, each record dropped because the queue was full of
 * records or of bytes (a long broker outage), so a request is never failed or delayed by Kafka; the
 * publishing route times each send.
 */
public final class KafkaQueues {

    /** Header: {@link System#nanoTime()} when the publishing route took the record off its queue. */
    public static final String TAKEN_NANOS = "RecGateKafkaTaken";
    /** Camel's Kafka headers (the record's key, {@code kafka.KEY}): the producer reads them, never sends them. */
    private static final String KAFKA_HEADERS = "kafka.";
    /** How much of a dropped record its WARN line shows (a user event may carry 60 KB). */
    static final int LOGGED_CHARS = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(KafkaQueues.class);

    private final KafkaMetrics metrics;
    /** Endpoint URI → topic: a handful of URIs, parsed once each, not once per record. */
    private final Map<String, String> topics = new ConcurrentHashMap<>();

    public KafkaQueues(KafkaMetrics metrics) {
        this.metrics = metrics;
    }

    /** The step after {@code to: seda:<topic>}: the queue took the record (the endpoint sent to last). */
    public void queued(Exchange exchange) {
        metrics.queued(topicOf(exchange.getProperty(ExchangePropertyKey.TO_ENDPOINT, String.class)));
    }

    /** The doCatch: the queue refused the record (full of records or of bytes): dropped, logged, counted. */
    public void dropped(Exchange exchange) {
        String topic = topicOf(exchange.getProperty(ExchangePropertyKey.TO_ENDPOINT, String.class));
        metrics.dropped(topic);
        Exception error = exchange.getProperty(ExchangePropertyKey.EXCEPTION_CAUGHT, Exception.class);
        LOG.warn("Record for {} dropped ({}): {}", topic, error == null ? "queue full" : error.getMessage(),
                shown(exchange.getMessage().getBody(String.class)));
    }

    static String shown(String record) {
        return record == null || record.length() <= LOGGED_CHARS ? record
                : record.substring(0, LOGGED_CHARS) + "… (" + (record.length() - LOGGED_CHARS) + " more characters)";
    }

    /**
     * The publishing route's first step. The queue holds a copy of the exchange that sent the record
     * (seda copies it whole): the T-Library request's headers and properties. Only the record, its
     * key ({@code kafka.*}), its state number and the {@code Content-Type} its marshal set (a record
     * header on the topic since the first release) are kept: the publishing route's error handler copies
     * the exchange before each of its steps (so it can redeliver), and the Kafka producer turns every
     * header it can into a record header, so a request's dozen headers and properties cost a copy per
     * step and bytes on the topic for each record (docs/performance.md).
     */
    public void taken(Exchange exchange) {
        exchange.getProperties().clear();
        exchange.getMessage().getHeaders().keySet().removeIf(name -> !name.startsWith(KAFKA_HEADERS)
                && !name.equals(StateJournal.SEQUENCE) && !name.equals(Exchange.CONTENT_TYPE));
        exchange.getMessage().setHeader(TAKEN_NANOS, System.nanoTime());
    }

    /**
     * The publishing route's step instead of the send when this instance does not hold the
     * leadership lease (fencing, docs/operations.md "High availability"): not sent, counted, logged.
     */
    public void fenced(Exchange exchange) {
        String topic = exchange.getFromEndpoint() == null ? queueOf(null) : topicOf(exchange.getFromEndpoint().getEndpointUri());
        metrics.fenced(topic);
        LOG.warn("Record for {} not sent: this instance does not hold the leadership of its hot-standby pair: {}", topic,
                shown(exchange.getMessage().getBody(String.class)));
    }

    /** The publishing route's last step: Kafka took the record. */
    public void sent(@Header(TAKEN_NANOS) Long taken, Exchange exchange) {
        if (taken != null && exchange.getFromEndpoint() != null) {
            metrics.sent(topicOf(exchange.getFromEndpoint().getEndpointUri()), System.nanoTime() - taken);
        }
    }

    private String topicOf(String uri) {
        return uri == null ? queueOf(null) : topics.computeIfAbsent(uri, KafkaQueues::queueOf);
    }

    /** {@code seda://tlib.audit?size=...} → {@code tlib.audit}. */
    static String queueOf(String uri) {
        if (uri == null) {
            return "unknown";
        }
        String name = uri.replaceFirst("^seda:(//)?", "");
        int options = name.indexOf('?');
        return options < 0 ? name : name.substring(0, options);
    }
}
