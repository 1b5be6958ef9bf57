package org.recgate.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExchangeException;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.recgate.support.Meters;

/**
 * Which Kafka failures a publishing route sends again (only those that guarantee the record never
 * left the producer) and how the others are counted. The messages are KafkaProducer's own.
 */
class KafkaSendFailuresTest {

    private static final TimeoutException NO_METADATA =
            new TimeoutException("Topic tlib.audit not present in metadata after 2000 ms.");
    private static final TimeoutException NO_PARTITION_METADATA =
            new TimeoutException("Partition 2 of topic tlib.audit with partition count 3 is not present in metadata after 2000 ms.");
    private static final TimeoutException EXPIRED =
            new TimeoutException("Expiring 1 record(s) for tlib.audit-0:120000 ms has passed since batch creation");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final KafkaSendFailures failures = new KafkaSendFailures(
            new KafkaMetrics(new Meters(meters), java.util.List.of("tlib.audit"), topic -> 0, topic -> 0));

    @Test
    void onlyARecordRefusedInsideSendIsSentAgain() {
        assertTrue(KafkaSendFailures.neverSent(NO_METADATA));
        assertTrue(KafkaSendFailures.neverSent(NO_PARTITION_METADATA));
        assertTrue(KafkaSendFailures.neverSent(new BufferExhaustedException("Failed to allocate 100 bytes within 2000 ms")));
        assertTrue(KafkaSendFailures.neverSent(new CamelExchangeException("wrapped", null, NO_METADATA)), "a cause counts");

        assertFalse(KafkaSendFailures.neverSent(EXPIRED), "an expired batch may have been written");
        assertFalse(KafkaSendFailures.neverSent(new NotEnoughReplicasException("not enough replicas")));
        assertFalse(KafkaSendFailures.neverSent(new RecordTooLargeException("too large")));
        assertFalse(KafkaSendFailures.neverSent(new IllegalStateException("Producer closed")));
        assertFalse(KafkaSendFailures.neverSent(null));
    }

    @Test
    void aFailureIsExpiredOnlyWhenTheDeliveryTimeoutPassed() {
        assertTrue(KafkaSendFailures.expired(EXPIRED));
        assertFalse(KafkaSendFailures.expired(NO_METADATA));
        assertFalse(KafkaSendFailures.expired(new NotEnoughReplicasException("not enough replicas")));
    }

    @Test
    void undeliveredRecordsAreCountedByTopicAndReason() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            failures.undelivered(failed(camel, "kafka://tlib.audit?brokers=b:9092", EXPIRED));
            failures.undelivered(failed(camel, "kafka:tlib.audit", new RecordTooLargeException("too large")));
            failures.undelivered(failed(camel, "kafka:tlib.audit", EXPIRED));
            failures.undelivered(failed(camel, null, EXPIRED));
        }
        assertEquals(2.0, count("tlib.audit", "expired"));
        assertEquals(1.0, count("tlib.audit", "failed"));
        assertEquals(1.0, count("unknown", "expired"), "no failure endpoint: the topic is not known");
    }

    private static Exchange failed(CamelContext camel, String failureEndpoint, Exception failure) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setBody("{\"schema\":\"audit/1\"}");
        exchange.setProperty(ExchangePropertyKey.FAILURE_ENDPOINT, failureEndpoint);
        exchange.setProperty(ExchangePropertyKey.EXCEPTION_CAUGHT, failure); // as a handled onException leaves it
        return exchange;
    }

    private double count(String topic, String reason) {
        return meters.get("recgate.kafka.records.undelivered").tag("topic", topic).tag("reason", reason).counter().count();
    }
}
