package org.recgate.kafka;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recgate.testing.TlibTestClient.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.JaasUtils;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.recgate.cli.TlibCli;
import org.recgate.testing.LogCapture;
import org.recgate.testing.RunningGateway;
import org.recgate.testing.TestKafka;
import org.recgate.testing.TlibTestClient;

/**
 * Every Kafka client of the gateway against a real broker whose listener is SASL_PLAINTEXT (PLAIN)
 * with ACLs enforced (docs/security.md, Kafka): with the right credentials the producers
 * publish the audit (read here by a SASL consumer), the call-events consumer applies the feed, the
 * health check's admin client sees the broker and the CLI's watch-topic reads the topic; with a wrong
 * password nothing reaches the topic and {@code kafka-brokers} is DOWN. Neither run logs the
 * password (everything the JVM logs meanwhile is captured, Camel's and the Kafka clients'
 * configuration summaries included).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class KafkaSaslIT {

    private static final String ADMIN = JaasUtils.KAFKA_PLAIN_ADMIN;
    private static final String PASSWORD = JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD;
    private static final String WRONG_PASSWORD = "not-the-Secret-4711";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static KafkaClusterTestKit broker;

    @BeforeAll
    static void startBroker() {
        broker = TestKafka.startSaslPlain();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    private static Map<String, String> sasl(String password) {
        Map<String, String> settings = new HashMap<>();
        settings.put("recgate.kafka.brokers", broker.bootstrapServers());
        settings.put("recgate.kafka.security-protocol", "SASL_PLAINTEXT");
        settings.put("recgate.kafka.sasl-mechanism", "PLAIN");
        settings.put("recgate.kafka.sasl-jaas-config", TestKafka.plainJaas(ADMIN, password));
        return settings;
    }

    private static Admin admin() {
        Map<String, Object> config = new HashMap<>(TestKafka.saslPlain(ADMIN, PASSWORD));
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return Admin.create(config);
    }

    @Test
    void withTheRightCredentialsEveryClientWorksAndNoSecretIsLogged() throws Exception {
        try (LogCapture log = LogCapture.start()) {
            try (RunningGateway gateway = RunningGateway.start(sasl(PASSWORD));
                 KafkaConsumer<String, String> audit = TestKafka.consumer(broker.bootstrapServers(), gateway.topic("audit"),
                         TestKafka.saslPlain(ADMIN, PASSWORD));
                 KafkaProducer<String, String> feed = saslProducer();
                 TlibTestClient desktop = gateway.connect()) {
                String clientId = desktop.registerClient("desktop", null).path("AttrClientID").asText();
                desktop.register("1001", "Monitor");

                List<JsonNode> audited = new ArrayList<>();
                await().atMost(WAIT).until(() -> {
                    for (ConsumerRecord<String, String> record : TestKafka.poll(audit, 1, Duration.ofMillis(200))) {
                        JsonNode node = RecordSchemas.assertValid("audit-1", record.value());
                        if (clientId.equals(record.key())) {
                            audited.add(node);
                        }
                    }
                    return audited.size() >= 2;
                });
                assertEquals("RequestRegisterClient", audited.get(0).path("message").asText(), audited::toString);
                assertEquals("RequestRegisterAddress", audited.get(1).path("message").asText(), audited::toString);

                // the call-events consumer (on by default with configured brokers) reads over SASL too
                String call = "00000000000000f1";
                feed.send(new ProducerRecord<>(gateway.topic("call-events"), call, "{\"message\":\"EventEstablished\","
                        + "\"AttrConnectionID\":\"" + call + "\",\"AttrThisDN\":\"1001\",\"AttrOtherDN\":\"5000\"}")).get();
                await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> "EventPartyInfo".equals(
                        desktop.request(message("RequestQueryCall").put("AttrConnectionID", call)).path("message").asText()));

                HttpResponse<String> health = gateway.http("/observe/health?exposureLevel=full");
                assertEquals(200, health.statusCode(), health.body());
                assertTrue(health.body().contains("kafka-brokers"), health.body());

                assertEquals(List.of("RequestRegisterClient", "RequestRegisterAddress"), watchTopic(gateway.topic("audit"), PASSWORD, 0));
            }
            String logged = log.text();
            assertTrue(logged.contains("sasl.jaas.config = [hidden]"), "the Kafka clients' configuration was logged: "
                    + logged.length() + " characters");
            assertTrue(logged.contains("clients connect with SASL_PLAINTEXT (SASL PLAIN)"), "the start-up line names the protocol");
            assertFalse(logged.contains(PASSWORD), "the SASL password is in the log");
            assertFalse(logged.contains("PlainLoginModule required"), "the JAAS line is in the log");
        }
    }

    @Test
    void withAWrongPasswordNothingIsPublishedAndTheHealthCheckIsDown() throws Exception {
        try (LogCapture log = LogCapture.start()) {
            try (RunningGateway gateway = RunningGateway.start(sasl(WRONG_PASSWORD));
                 Admin admin = admin()) {
                String topic = gateway.topic("audit");
                admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
                try (TlibTestClient desktop = gateway.connectAs("desktop")) {
                    desktop.register("1001", null);
                }
                // the records were handed to the producer, which the broker refuses
                await().atMost(WAIT).until(() -> gateway.counter("recgate.kafka.records.queued", "topic", topic) >= 2
                        && gateway.counter("recgate.kafka.records.undelivered", "topic", topic, "reason", "failed")
                        + waitingToBeSentAgain(gateway, topic) >= 2);
                Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
                for (int partition = 0; partition < 3; partition++) {
                    ends.put(new TopicPartition(topic, partition), OffsetSpec.latest());
                }
                admin.listOffsets(ends).all().get(30, TimeUnit.SECONDS).forEach((partition, end) ->
                        assertEquals(0, end.offset(), "nothing was written to " + partition));

                HttpResponse<String> health = gateway.http("/observe/health?exposureLevel=full");
                assertEquals(503, health.statusCode(), health.body());
                assertTrue(health.body().contains("kafka-brokers") && health.body().contains("DOWN"), health.body());
                assertTrue(health.body().contains("refuse the gateway"), health.body());
            }
            assertEquals(List.of(), watchTopic("any-topic", WRONG_PASSWORD, 2), "the CLI is refused too, with exit status 2");
            String logged = log.text();
            assertTrue(logged.contains("Authentication failed"), "the refusal is logged");
            assertFalse(logged.contains(WRONG_PASSWORD), "the SASL password is in the log");
            assertFalse(logged.contains("PlainLoginModule required"), "the JAAS line is in the log");
        }
    }

    /** Records the publishing route holds back to send again: the one in flight and the queued ones. */
    private static double waitingToBeSentAgain(RunningGateway gateway, String topic) {
        double waiting = gateway.gauge("recgate.kafka.queue.records", "topic", topic);
        return gateway.gate().context().getInflightRepository().size("publish-audit") + (Double.isNaN(waiting) ? 0 : waiting);
    }

    private static KafkaProducer<String, String> saslProducer() {
        Map<String, Object> config = new HashMap<>(TestKafka.saslPlain(ADMIN, PASSWORD));
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(config);
    }

    /**
     * The CLI's watch-topic (the topic's first two records) with the security keys as system
     * properties, as {@code -Drecgate.kafka.…} would give them; its exit status must be {@code status}.
     */
    private static List<String> watchTopic(String topic, String password, int status) throws Exception {
        Map<String, String> properties = Map.of("recgate.kafka.brokers", broker.bootstrapServers(),
                "recgate.kafka.security-protocol", "SASL_PLAINTEXT",
                "recgate.kafka.sasl-jaas-config", TestKafka.plainJaas(ADMIN, password));
        properties.forEach(System::setProperty);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = TlibCli.run(new String[] {"watch-topic", topic, "--from-beginning", "--max", "2"},
                    InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            String said = err.toString(StandardCharsets.UTF_8);
            assertEquals(status, exit, said);
            assertTrue(said.contains(status == 0 ? "SASL_PLAINTEXT (SASL PLAIN)" : "Authentication failed"), said);
            assertFalse(said.contains(password), "no password on stderr: " + said);
            List<String> messages = new ArrayList<>();
            for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
                if (line.isEmpty()) {
                    continue;
                }
                messages.add(RecordSchemas.assertValid("audit-1", line).path("message").asText());
            }
            return messages;
        } finally {
            properties.keySet().forEach(System::clearProperty);
        }
    }
}
