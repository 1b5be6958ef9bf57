package org.recgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.recgate.testing.FreePorts;
import org.recgate.testing.TestKafka;

/**
 * {@code recgate-cli watch-topic} against a real broker: a mistyped topic is reported and not made,
 * no broker ends it within its timeout, it makes no consumer group, and {@code --from-beginning
 * --max N} gives the oldest N across the partitions (docs/cli.md, "watch-topic").
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class WatchTopicIT {

    private record Result(int status, String out, String err) {
    }

    private static Result watch(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] command = new String[args.length + 1];
        command[0] = "watch-topic";
        System.arraycopy(args, 0, command, 1, args.length);
        int status = TlibCli.run(command, InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()));
    }

    @Test
    void aMistypedTopicIsReportedAndNotCreated() throws Exception {
        String typo = "tlib.recording.indicatoins-" + UUID.randomUUID();
        Result result = watch(typo, "--brokers", TestKafka.bootstrapServers(), "--from-beginning");
        assertEquals(WatchTopic.NO_SUCH_TOPIC, result.status(), result.toString());
        assertTrue(result.err().contains("no topic '" + typo + "'"), result.err());
        try (Admin admin = admin()) {
            assertFalse(admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(typo), "the typo made a topic");
        }
    }

    @Test
    void withoutABrokerItEndsWithinItsTimeout() throws Exception {
        long start = System.nanoTime();
        Result result = watch("tlib.audit", "--brokers", "127.0.0.1:" + FreePorts.tcp(), "--timeout-ms", "2000");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(TlibCli.USAGE_OR_CONNECTION, result.status(), result.toString());
        assertTrue(result.err().contains("no Kafka broker answered"), result.err());
        assertTrue(took.compareTo(Duration.ofSeconds(20)) < 0, "took " + took);
    }

    @Test
    void fromTheBeginningWithMaxGivesTheOldestAndMakesNoGroup() throws Exception {
        String topic = "watch-" + UUID.randomUUID();
        Set<String> groupsBefore;
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(10, TimeUnit.SECONDS);
            groupsBefore = groups(admin);
        }
        long now = System.currentTimeMillis();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            for (int i = 0; i < 9; i++) {
                // spread over the three partitions, oldest first by record time
                producer.send(new ProducerRecord<>(topic, i % 3, now - 9_000 + i * 1_000L, "k" + i, "{\"n\":" + i + "}")).get();
            }
        }
        Result result = watch(topic, "--brokers", TestKafka.bootstrapServers(), "--from-beginning", "--max", "4");
        assertEquals(0, result.status(), result.toString());
        assertEquals(List.of("{\"n\":0}", "{\"n\":1}", "{\"n\":2}", "{\"n\":3}"), result.out().lines().toList());
        try (Admin admin = admin()) {
            assertEquals(groupsBefore, groups(admin), "watch-topic made a consumer group");
        }
    }

    private static Set<String> groups(Admin admin) throws Exception {
        return admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS).stream()
                .map(ConsumerGroupListing::groupId).collect(Collectors.toSet());
    }
}
