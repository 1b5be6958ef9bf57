package org.recgate.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.recgate.kafka.KafkaSecurity;

/**
 * What the CLI's Kafka commands ({@code watch-topic}, {@code recordings}) share: the brokers and
 * security they connect with (the gateway's, {@link KafkaSecurity}), a consumer that belongs to no
 * group and never creates the topic it asks for, and the report of a topic that does not exist.
 */
final class TopicAccess {

    private TopicAccess() {
    }

    /** {@code recgate.kafka.brokers} (or RECGATE_KAFKA_BROKERS), else the embedded broker of a default run. */
    static String defaultBrokers() {
        String configured = KafkaSecurity.systemSetting("recgate.kafka.brokers");
        return configured == null || configured.isBlank() ? "127.0.0.1:9092" : configured.trim();
    }

    static long positive(String option, String value) {
        try {
            long number = Long.parseLong(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(option + " takes a positive number, not '" + value + "'");
    }

    /** A consumer for assign and seek: no group, no commits, and a mistyped topic is not created by asking for it. */
    static KafkaConsumer<String, String> consumer(String brokers, KafkaSecurity security, Duration timeout) {
        return new KafkaConsumer<>(security.clientProperties(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName())));
    }

    /**
     * The topic's partitions; none, after saying on {@code err} that the topic does not exist and
     * which topics do. A {@link org.apache.kafka.common.errors.TimeoutException} when no broker answers.
     */
    static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer, String topic, String brokers,
                                           Duration timeout, String command, PrintStream err) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos != null && !infos.isEmpty()) {
            return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        }
        Set<String> topics = new TreeSet<>(consumer.listTopics(timeout).keySet());
        topics.removeIf(name -> name.startsWith("__"));
        err.println("recgate-cli " + command + ": no topic '" + topic + "' on " + brokers
                + " (its topics: " + String.join(", ", topics) + ")");
        return List.of();
    }

    static String noBroker(String command, String brokers, Duration timeout) {
        return "recgate-cli " + command + ": no Kafka broker answered at " + brokers + " within "
                + timeout.toMillis() + " ms (--brokers, --timeout-ms)";
    }
}
