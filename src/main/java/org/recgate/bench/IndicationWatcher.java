package org.recgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.recgate.kafka.KafkaSecurity;

/**
 * A Kafka consumer of the indications topic ({@code recording-indication/1}, docs/kafka.md) that
 * measures request → indication latency: before a request is written, the driver says which
 * record it expects (the call's connection ID and the state change, e.g. {@code Off>On} for a
 * START); the record's arrival here completes the measurement. Records nobody expects (warm-up,
 * held recordings) are only counted.
 */
final class IndicationWatcher implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final Thread poller;
    private final ConcurrentMap<String, Long> expected = new ConcurrentHashMap<>();
    private final LongAdder received = new LongAdder();
    private final AtomicReference<Latencies> latencies = new AtomicReference<>(new Latencies());
    private volatile boolean running = true;

    private IndicationWatcher(KafkaConsumer<String, String> consumer) {
        this.consumer = consumer;
        this.poller = new Thread(this::poll, PipelinedClient.THREAD_PREFIX + "indications");
        poller.setDaemon(true);
    }

    /** Subscribes from the topic's beginning (so no record is missed while partitions are assigned) and starts polling. */
    static IndicationWatcher start(String brokers, KafkaSecurity security, String topic) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(security.clientProperties(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "recgate-bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName())));
        consumer.subscribe(List.of(topic));
        IndicationWatcher watcher = new IndicationWatcher(consumer);
        watcher.poller.start();
        return watcher;
    }

    /** The record the request about to be written should cause; its latency counts from {@code sentNanos}. */
    void expect(String connectionId, String change, long sentNanos) {
        expected.put(connectionId + " " + change, sentNanos);
    }

    /** The request failed: its record will not come. */
    void forget(String connectionId, String change) {
        expected.remove(connectionId + " " + change);
    }

    /** Starts a new phase's histogram; returns the previous one. */
    Latencies nextPhase() {
        return latencies.getAndSet(new Latencies());
    }

    /**
     * Waits (at most {@code timeout}) until every expected record arrived; returns how many did
     * not, and forgets them.
     */
    long awaitExpected(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!expected.isEmpty() && System.nanoTime() < deadline && poller.isAlive()) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        long missing = expected.size();
        expected.clear();
        return missing;
    }

    long received() {
        return received.sum();
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    arrived(record.value(), System.nanoTime());
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void arrived(String value, long now) {
        received.increment();
        try {
            JsonNode indication = PipelinedClient.JSON.readTree(value);
            String key = indication.path("connectionId").asText() + " "
                    + indication.path("previousState").asText() + ">" + indication.path("state").asText();
            Long sent = expected.remove(key);
            if (sent != null) {
                latencies.get().record("indication", now - sent);
            }
        } catch (IOException e) {
            // not JSON: not one of ours to measure (the schema is the gateway tests' business)
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        poller.join(TimeUnit.SECONDS.toMillis(10));
    }
}
