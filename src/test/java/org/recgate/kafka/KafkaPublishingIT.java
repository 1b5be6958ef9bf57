package org.recgate.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recgate.testing.TlibTestClient.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.recgate.testing.RunningGateway;
import org.recgate.testing.TestKafka;
import org.recgate.testing.TlibTestClient;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

/** What the gateway publishes to and consumes from a real Kafka broker, checked against the JSON Schemas. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class KafkaPublishingIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    @RegisterExtension
    static final RunningGateway gateway = RunningGateway.perClass();

    @Test
    void everyRequestAndItsOutcomeIsAudited() throws Exception {
        try (KafkaConsumer<String, String> audit = TestKafka.consumer(TestKafka.bootstrapServers(), gateway.topic("audit"));
             TlibTestClient client = gateway.connect()) {
            String clientId = client.registerClient("desktop", null).path("AttrClientID").asText();
            client.register("1001", null);
            client.request(message("RequestNoSuchThing"));
            // the gateway's other clients are audited on the same topic: this client's records have its id as key
            List<JsonNode> audited = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (audited.size() < 3 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : TestKafka.poll(audit, 1, Duration.ofMillis(500))) {
                    JsonNode node = RecordSchemas.assertValid("audit-1", record.value());
                    if (clientId.equals(record.key())) {
                        assertEquals(clientId, node.path("client").path("id").asText());
                        audited.add(node);
                    }
                }
            }
            assertEquals(3, audited.size(), audited::toString);
            assertEquals("RequestRegisterClient", audited.get(0).path("message").asText());
            assertEquals("ack", audited.get(1).path("outcome").asText());
            assertEquals("1001", audited.get(1).path("thisDn").asText());
            assertEquals("error", audited.get(2).path("outcome").asText());
            assertEquals(51, audited.get(2).path("errorCode").asInt());
        }
    }

    @Test
    void relayedUserEventsArePublishedWithTheirKind() throws Exception {
        try (KafkaConsumer<String, String> events = TestKafka.consumer(TestKafka.bootstrapServers(), gateway.topic("user-events"));
             TlibTestClient desktop = gateway.connectAs("desktop");
             TlibTestClient vendor = gateway.connectAs("vendor")) {
            desktop.register("1002", null);
            vendor.register("1002", null);
            desktop.request(TlibTestClient.sendEvent("1002", "start"));
            vendor.request(TlibTestClient.sendEvent("1002", "enabled"));
            desktop.request(TlibTestClient.sendEvent("1002", null));
            List<ConsumerRecord<String, String>> records = TestKafka.poll(events, 3, WAIT);
            assertEquals(3, records.size(), records::toString);
            List<String> kinds = new ArrayList<>();
            for (ConsumerRecord<String, String> record : records) {
                JsonNode event = RecordSchemas.assertValid("user-event-1", record.value());
                assertEquals("1002", record.key());
                kinds.add(event.path("kind").asText() + ":" + event.path("screenCapture").asText("-") + ":"
                        + event.path("from").path("application").asText());
            }
            assertEquals(List.of("request:start:desktop", "indication:enabled:vendor", "other:-:desktop"), kinds);
        }
    }

    @Test
    void callEventsFromKafkaFeedTheCallRegistryAndBadRecordsAreSkipped() throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
             TlibTestClient client = gateway.connectAs("desktop")) {
            client.register("1001", "Monitor"); // a party of the call: it may query it
            String topic = gateway.topic("call-events");
            producer.send(new ProducerRecord<>(topic, "00000000000000e1", "not json at all")).get();
            producer.send(new ProducerRecord<>(topic, "00000000000000e1", "{\"message\":\"EventReleased\",\"AttrConnectionID\":\"00000000000000e1\",\"AttrThisDN\":\"1001\"}")).get();
            producer.send(new ProducerRecord<>(topic, "00000000000000e1", "{\"message\":\"EventEstablished\",\"AttrConnectionID\":\"00000000000000e1\",\"AttrThisDN\":\"1001\",\"AttrOtherDN\":\"5000\",\"AttrANI\":\"+15550001\"}")).get();

            JsonNode info = awaitCall(client, "00000000000000e1");
            assertEquals("EventPartyInfo", info.path("message").asText());
            assertTrue(info.path("AttrExtensions").path("parties").has("1001"));
            assertTrue(info.path("AttrExtensions").path("parties").has("5000"));
            assertEquals("Off", info.path("AttrUserData").path("GSIP_RECORD").asText());
        }
    }

    @Test
    void theCliWatchesATopic() throws Exception {
        try (TlibTestClient client = gateway.connectAs("desktop")) {
            client.register("1001", null); // at least these two requests are on the audit topic
        }
        // the test broker makes a topic on its first record (watch-topic reports a topic that is not there)
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of("bootstrap.servers", TestKafka.bootstrapServers()))) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(gateway.topic("audit")));
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int status = org.recgate.cli.TlibCli.run(new String[] {"watch-topic", gateway.topic("audit"),
                "--brokers", TestKafka.bootstrapServers(), "--from-beginning", "--max", "2"},
                java.io.InputStream.nullInputStream(), new java.io.PrintStream(out, true), new java.io.PrintStream(err, true));
        assertEquals(0, status, err::toString);
        String[] lines = out.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n");
        assertEquals(2, lines.length);
        for (String line : lines) {
            RecordSchemas.assertValid("audit-1", line);
        }
    }

    /** Queries the call until the feed has brought it (the consumer works on its own thread). */
    private static JsonNode awaitCall(TlibTestClient client, String connectionId) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode reply;
        do {
            reply = client.request(message("RequestQueryCall").put("AttrConnectionID", connectionId));
        } while (reply.path("AttrErrorCode").asInt() == 56 && System.nanoTime() < deadline);
        return reply;
    }
}
