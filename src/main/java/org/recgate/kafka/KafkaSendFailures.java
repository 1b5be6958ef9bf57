package org.recgate.kafka;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the publishing routes (kafka-publish.camel.yaml, route configuration {@code kafka-retry})
 * do with a record Kafka did not take. Only a record that surely never left the gateway is sent
 * again: the producer refused it inside {@code send()}, before it joined a batch, because its
 * topic's metadata did not come within {@code max.block.ms} (no broker yet, topic being created)
 * or its buffer was full. Once a record is in a batch, the producer itself retries it
 * (idempotently, so a broker never writes it twice); when it still fails — its delivery timeout
 * passed, or a broker refused it — it may be on the topic already, and sending it again from the
 * route would write it twice. Such a record is dropped, logged at ERROR and counted in
 * {@code recgate_kafka_records_undelivered_total{topic,reason}} ({@code reason}: {@code expired},
 * {@code failed}).
 */
public final class KafkaSendFailures {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSendFailures.class);
    /** KafkaProducer's words when a topic's metadata did not come within max.block.ms (checked against kafka-clients 4.3). */
    private static final String NO_METADATA = "not present in metadata after";

    static final String EXPIRED = "expired";
    static final String FAILED = "failed";

    private final KafkaMetrics metrics;

    public KafkaSendFailures(KafkaMetrics metrics) {
        this.metrics = metrics;
    }

    /** The {@code onWhen} of the clause that sends a record again: the failure guarantees it was never sent. */
    public boolean surelyNotSent(Exchange exchange) {
        return neverSent(failureOf(exchange));
    }

    /** A record that is not sent again: logged at ERROR and counted, by topic and reason. */
    public void undelivered(Exchange exchange) {
        Throwable failure = failureOf(exchange);
        String reason = expired(failure) ? EXPIRED : FAILED;
        String topic = topicOf(exchange);
        metrics.undelivered(topic, reason);
        LOG.error("Record for {} not delivered ({}: {}); not sent again, it may be on the topic already: {}", topic,
                reason, failure == null ? "unknown error" : failure.toString(), exchange.getMessage().getBody(String.class));
    }

    static boolean neverSent(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof BufferExhaustedException
                    || (cause instanceof TimeoutException && String.valueOf(cause.getMessage()).contains(NO_METADATA))) {
                return true;
            }
        }
        return false;
    }

    /** A Kafka timeout that is not a refusal inside send(): the record's delivery timeout passed in a batch. */
    static boolean expired(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof TimeoutException) {
                return !neverSent(cause);
            }
        }
        return false;
    }

    private static Throwable failureOf(Exchange exchange) {
        Throwable failure = exchange.getException();
        return failure != null ? failure : exchange.getProperty(ExchangePropertyKey.EXCEPTION_CAUGHT, Throwable.class);
    }

    /** The topic of the kafka endpoint that failed ({@code kafka:topic?options}). */
    static String topicOf(Exchange exchange) {
        String uri = exchange.getProperty(ExchangePropertyKey.FAILURE_ENDPOINT, String.class);
        if (uri == null || !uri.startsWith("kafka:")) {
            return "unknown";
        }
        String topic = uri.substring("kafka:".length());
        topic = topic.startsWith("//") ? topic.substring(2) : topic;
        int options = topic.indexOf('?');
        return options < 0 ? topic : topic.substring(0, options);
    }
}
