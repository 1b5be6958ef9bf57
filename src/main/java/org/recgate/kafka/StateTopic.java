package org.recgate.kafka;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The compacted state topic (docs/durable-state.md §10), as the gateway meets it at start: made when
 * missing ({@code cleanup.policy=compact}: the broker keeps the last record of each call, and drops
 * a call's records some time after its tombstone), then read from its start to its end, so every
 * call that has not ended is known before the T-Library listener opens.
 */
public final class StateTopic {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final String brokers;
    private final KafkaSecurity security;

    public StateTopic(String topic, String brokers, KafkaSecurity security) {
        this.topic = topic;
        this.brokers = brokers;
        this.security = security;
    }

    /** Creates the topic, compacted, when the brokers do not have it (3 partitions, replicated as far as they can). */
    public void create() throws IOException {
        try (Admin admin = Admin.create(security.clientProperties(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers)))) {
            if (admin.listTopics().names().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).contains(topic)) {
                return;
            }
            int nodes = admin.describeCluster().nodes().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).size();
            NewTopic compacted = new NewTopic(topic, 3, (short) Math.min(3, Math.max(1, nodes)))
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(compacted)).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) { // made by another gateway meanwhile
                throw new IOException("cannot create the state topic " + topic + " at " + brokers + ": " + e.getCause().getMessage(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating the state topic " + topic, e);
        } catch (TimeoutException e) {
            throw new IOException("no Kafka broker at " + brokers + " answered within " + TIMEOUT.toSeconds()
                    + " s: the state topic " + topic + " cannot be read", e);
        }
    }

    /**
     * Reads the topic from its start to the end it had when the read began: the last record of each
     * key (the JSON bytes), without the keys whose last record is a tombstone. {@code progress} is told the count of
     * records read every {@code every} records.
     */
    public Map<String, byte[]> readToEnd(int every, Consumer<Long> progress) throws IOException {
        Map<String, Object> config = new HashMap<>(security.clientProperties(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                // a fetch that finds a partition at its end answers after this, not Kafka's 500 ms: the read
                // is part of an HA takeover's time (docs/operations.md, "High availability")
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50)));
        Map<String, byte[]> last = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                    .map(PartitionInfo::partition).map(p -> new TopicPartition(topic, p)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            long read = 0;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (!reachedEnd(consumer, end, Set.copyOf(partitions))) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("the state topic " + topic + " was not read to its end within 10 minutes");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() != null) {
                        last.remove(record.key()); // keeps the order of each key's last record
                        last.put(record.key(), record.value());
                    }
                    if (++read % every == 0) {
                        progress.accept(read);
                    }
                }
            }
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new IOException("cannot read the state topic " + topic + " at " + brokers + ": " + e.getMessage(), e);
        }
        last.values().removeIf(java.util.Objects::isNull);
        return last;
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end, Set<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            if (consumer.position(partition, TIMEOUT) < end.getOrDefault(partition, 0L)) {
                return false;
            }
        }
        return true;
    }
}
