package org.recgate.kafka;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.recgate.ops.TlibMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a record to its publishing route (kafka-publish.camel.yaml) through a bounded in-memory
 * queue, and never waits for Kafka: a T-Library answer must not depend on the broker. When the
 * queue is full (a long broker outage) the record is dropped, logged and counted
 * ({@code recgate_kafka_records_dropped_total{topic}}).
 */
public final class RecordPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(RecordPublisher.class);

    private final ProducerTemplate template;
    private final TlibMetrics metrics;

    public RecordPublisher(CamelContext camel, TlibMetrics metrics) {
        this.template = camel.createProducerTemplate();
        this.metrics = metrics;
    }

    /**
     * @param queue  the publishing route's queue, e.g. {@code seda:kafka-audit}
     * @param topic  the topic name, for metrics and logs
     * @param key    the Kafka record key (per-call or per-DN order)
     * @param record the record, a JSON-ready map
     */
    public void publish(String queue, String topic, String key, Map<String, Object> record) {
        Exchange sent = template.send(queue, exchange -> {
            exchange.getMessage().setBody(record);
            exchange.getMessage().setHeader(KafkaConstants.KEY, key);
        });
        if (sent.getException() != null) {
            metrics.kafkaRecordDropped(topic);
            LOG.warn("Record for {} dropped ({}): {}", topic, sent.getException().getMessage(), record);
        } else {
            metrics.kafkaRecordQueued(topic);
        }
    }

}
