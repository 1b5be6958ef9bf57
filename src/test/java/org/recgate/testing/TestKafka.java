package org.recgate.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.JaasUtils;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * One real Kafka broker (KRaft, in this JVM) shared by the tests of a run: started on first use,
 * stopped when the JVM ends. Tests that stop the broker use a cluster of their own.
 */
public final class TestKafka {

    private static KafkaClusterTestKit cluster;

    private TestKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (cluster == null) {
            cluster = start();
            KafkaClusterTestKit started = cluster;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (Exception e) {
                    // the JVM is ending anyway
                }
            }));
        }
        return cluster.bootstrapServers();
    }

    public static KafkaClusterTestKit start() {
        return start(SecurityProtocol.PLAINTEXT);
    }

    /**
     * A broker of its own whose client listener is SASL_PLAINTEXT with the PLAIN mechanism: users
     * {@value JaasUtils#KAFKA_PLAIN_ADMIN} (a super user) and {@value JaasUtils#KAFKA_PLAIN_USER1},
     * passwords {@value JaasUtils#KAFKA_PLAIN_ADMIN_PASSWORD} and {@value JaasUtils#KAFKA_PLAIN_USER1_PASSWORD};
     * ACLs are enforced (no ACL: only the super user). The controller listener is SASL too (the
     * nodes authenticate as the super user). Its JAAS file is made by the test kit.
     */
    public static KafkaClusterTestKit startSaslPlain() {
        return start(SecurityProtocol.SASL_PLAINTEXT);
    }

    /** The JAAS line of a PLAIN client. */
    public static String plainJaas(String user, String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    /** Client properties of a SASL_PLAINTEXT / PLAIN client. */
    public static Map<String, Object> saslPlain(String user, String password) {
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", plainJaas(user, password));
    }

    /**
     * A cluster of its own with {@code brokers} brokers (ids from 0) and one controller apart, the
     * consumer groups' offsets replicated on every broker, so a test can stop one broker (a
     * topic's replicas drop out of its in-sync set) and the groups go on.
     */
    public static KafkaClusterTestKit startBrokers(int brokers) {
        return start(SecurityProtocol.PLAINTEXT, brokers);
    }

    private static KafkaClusterTestKit start(SecurityProtocol protocol) {
        return start(protocol, 1);
    }

    private static KafkaClusterTestKit start(SecurityProtocol protocol, int brokers) {
        try {
            KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(brokers == 1).setNumBrokerNodes(brokers).setNumControllerNodes(1)
                    .setBrokerSecurityProtocol(protocol).setControllerSecurityProtocol(protocol).build())
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("num.partitions", "3")
                    .setConfigProp("offsets.topic.replication.factor", Integer.toString(brokers))
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                    .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                    .build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            return kit;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test Kafka broker", e);
        }
    }

    /** A consumer of {@code topic} from the beginning, in a group of its own. */
    public static KafkaConsumer<String, String> consumer(String bootstrapServers, String topic) {
        return consumer(bootstrapServers, topic, Map.of());
    }

    /** The same with client properties of its own ({@link #saslPlain}). */
    public static KafkaConsumer<String, String> consumer(String bootstrapServers, String topic, Map<String, Object> security) {
        Map<String, Object> config = new java.util.HashMap<>(security);
        config.putAll(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config);
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    /** Polls until {@code count} records arrived or the timeout passed; returns what arrived. */
    public static List<ConsumerRecord<String, String>> poll(KafkaConsumer<String, String> consumer, int count, Duration timeout) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (records.size() < count && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }
}
