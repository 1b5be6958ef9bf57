package org.recgate.state;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recgate.testing.Recordings.privateService;
import static org.recgate.testing.TlibTestClient.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.recgate.sip.SippRecorder;
import org.recgate.testing.FreePorts;
import org.recgate.testing.GatewayProcess;
import org.recgate.testing.RunningGateway;
import org.recgate.testing.TestKafka;
import org.recgate.testing.TlibTestClient;

/**
 * The Kafka call feed commits a record's offset only once the state change it caused is on the
 * state topic (docs/durable-state.md §13), over a real broker. In the gateway's JVM the state
 * topic's publishing route is stopped, so the state records wait in their queue as they do while no
 * broker takes them: the gateway applies the record, and the consumer group's committed offset stays
 * before it until the route writes the state. Over real processes: a gateway killed with SIGKILL
 * after it applied an EventReleased whose state could not be written (a cluster of two brokers, one
 * gone, the state topic asking for two in-sync replicas) reads it again after its restart and ends
 * the call; and one killed before an EventReleased came reads it after its restart and hangs the
 * recording up in the taken-over dialog.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class CallFeedCommitIT {

    /** Longer than the Kafka consumer's auto-commit interval (5 s): a background commit would show in it. */
    private static final Duration HOLD = Duration.ofSeconds(6);
    private static final String[] SIPP_TIMEOUT = {"-timeout", "120s"};

    @Test
    void anEventReleasedIsCommittedOnlyOnceItsStateIsDurable() throws Exception {
        String call = "00000000000000d1";
        try (RunningGateway gateway = RunningGateway.start(Map.of("recgate.call-feed.kafka.enabled", "true"));
             Admin admin = admin(); KafkaProducer<String, String> producer = producer();
             KafkaConsumer<String, String> state = TestKafka.consumer(TestKafka.bootstrapServers(), gateway.topic("state"))) {
            String group = gateway.gate().context().getPropertiesComponent().resolveProperty("recgate.kafka.group-id").orElseThrow();
            String topic = gateway.topic("call-events");
            RecordMetadata established = send(producer, topic, call, established(call));
            await().atMost(Duration.ofSeconds(30)).until(() -> committed(admin, group, established) > established.offset());

            // the state records wait in their queue, as while no broker takes them
            gateway.gate().context().getRouteController().stopRoute("publish-state");
            RecordMetadata released = send(producer, topic, call, released(call));
            await().atMost(Duration.ofSeconds(30)).until(() -> unknown(gateway.connectAs("desktop"), call)); // applied
            await().during(HOLD).atMost(HOLD.plusSeconds(5)).until(() -> committed(admin, group, released) <= released.offset());

            gateway.gate().context().getRouteController().startRoute("publish-state");
            await().atMost(Duration.ofSeconds(30)).until(() -> committed(admin, group, released) > released.offset());
            List<ConsumerRecord<String, String>> records = TestKafka.poll(state, 2, Duration.ofSeconds(30));
            assertEquals(2, records.size());
            assertNull(records.get(1).value(), "the call's end, a tombstone, is on the state topic");
        }
    }

    /**
     * The crash in the window: the gateway (its own process) has applied an EventReleased whose
     * state is not written yet, and is killed. The state topic is made unwritable by a second
     * broker going away while the topic asks for two in-sync replicas (min.insync.replicas=2: every
     * write refused with NOT_ENOUGH_REPLICAS, which the producer retries); the call-events topic
     * lives on the broker that stays. After the restart the call is restored from its last durable
     * state, the uncommitted EventReleased is read again and ends it.
     */
    @Test
    void aGatewayKilledBeforeTheStateOfAnEventIsWrittenReadsTheEventAgain() throws Exception {
        String run = "feed-window-" + FreePorts.tcp();
        String call = "00000000000000d2";
        try (KafkaClusterTestKit cluster = TestKafka.startBrokers(2)) {
            Map<String, String> settings = settings(run, "sip:srs@127.0.0.1:" + FreePorts.free("udp"));
            settings.put("recgate.kafka.brokers", cluster.bootstrapServers());
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
                 KafkaProducer<String, String> producer = producer(cluster.bootstrapServers())) {
                admin.createTopics(List.of(new NewTopic(run + ".call-events", Map.of(0, List.of(0), 1, List.of(0), 2, List.of(0)))))
                        .all().get(30, TimeUnit.SECONDS);
                // the state topic made as the gateway makes it (compacted, on both brokers), but led by broker 0
                // on every partition, so stopping broker 1 refuses its writes (two in-sync replicas asked for)
                // without moving a leadership: reads go on as before
                List<Integer> led = List.of(0, 1);
                admin.createTopics(List.of(new NewTopic(run + ".state", Map.of(0, led, 1, led, 2, led))
                        .configs(Map.of("cleanup.policy", "compact")))).all().get(30, TimeUnit.SECONDS);
                try (GatewayProcess gateway = GatewayProcess.start(settings, logOf(run))) {
                    RecordMetadata established = send(producer, run + ".call-events", call, established(call));
                    await().atMost(Duration.ofSeconds(30)).until(() -> committed(admin, run, established) > established.offset());

                    minInSync(admin, run + ".state", "2");
                    cluster.brokers().get(1).shutdown();
                    await().atMost(Duration.ofSeconds(30)).until(() -> refused(producer, run + ".state"));
                    RecordMetadata released = send(producer, run + ".call-events", call, released(call));
                    await().atMost(Duration.ofSeconds(30)).until(() -> unknown(gateway.connectAs("desktop"), call)); // applied
                    // not committed while its state is not written, past the client's auto-commit interval
                    await().during(HOLD).atMost(HOLD.plusSeconds(5)).until(() -> committed(admin, run, released) <= released.offset());
                    gateway.kill();

                    minInSync(admin, run + ".state", null);
                    await().atMost(Duration.ofSeconds(30)).until(() -> readable(admin, run + ".state"));
                    gateway.startAgain();
                    assertTrue(gateway.log().contains("State topic: 1 calls with 0 recordings restored"), gateway::log);
                    await().atMost(Duration.ofSeconds(60)).until(() -> committed(admin, run, released) > released.offset());
                    assertTrue(unknown(gateway.connectAs("desktop"), call), "the EventReleased read again ended the call");
                }
            }
        }
    }

    /** Whether the end offset of every partition of the topic can be read (each has a leader that answers). */
    private static boolean readable(Admin admin, String topic) {
        try {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int partition = 0; partition < partitions; partition++) {
                latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
            }
            admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** The topic's min.insync.replicas set, or back to the broker's (null). */
    private static void minInSync(Admin admin, String topic, String replicas) throws Exception {
        AlterConfigOp op = new AlterConfigOp(new ConfigEntry("min.insync.replicas", replicas == null ? "" : replicas),
                replicas == null ? AlterConfigOp.OpType.DELETE : AlterConfigOp.OpType.SET);
        admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic), List.of(op)))
                .all().get(10, TimeUnit.SECONDS);
    }

    /** A write of the topic is refused for want of in-sync replicas (a tombstone of a key no call has). */
    private static boolean refused(KafkaProducer<String, String> producer, String topic) throws Exception {
        try {
            producer.send(new ProducerRecord<>(topic, "probe", null)).get(10, TimeUnit.SECONDS);
            return false;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return true;
        }
    }

    /**
     * Issue 15: a call released on the Kafka call feed while the gateway is down (killed): after the
     * restart the gateway takes the recording over (re-INVITE) and the EventReleased it never
     * committed ends it, with its BYE, in the original dialog.
     */
    @Test
    void aCallReleasedWhileTheGatewayIsDownIsHungUpAfterTheRestart() throws Exception {
        String run = "feed-down-" + FreePorts.tcp();
        String call = "00000000000000d3";
        try (SippRecorder recorder = SippRecorder.start("srs_restart.xml", "udp", SIPP_TIMEOUT);
             Admin admin = admin(); KafkaProducer<String, String> producer = producer();
             GatewayProcess gateway = GatewayProcess.start(settings(run, recorder.uri()), logOf(run))) {
            send(producer, run + ".call-events", call, established(call));
            try (TlibTestClient desktop = gateway.connectAs("desktop")) {
                desktop.register("1001", null);
                await().atMost(Duration.ofSeconds(30)).until(() -> !unknown(gateway.connectAs("desktop"), call));
                JsonNode ack = desktop.request(privateService("GSIP_RECORD_START", "1001", call, Map.of("id", "down-1")));
                assertEquals("EventACK", ack.path("message").asText(), ack::toString);
            }
            gateway.kill();
            RecordMetadata released = send(producer, run + ".call-events", call, released(call));
            assertEquals(0, recorder.received("BYE"));

            gateway.startAgain();
            await().atMost(Duration.ofSeconds(30)).until(() -> recorder.received("BYE") == 1);
            recorder.assertPassed();
            await().atMost(Duration.ofSeconds(30)).until(() -> committed(admin, run, released) > released.offset());
            assertTrue(unknown(gateway.connectAs("desktop"), call));
        }
    }

    private static String established(String call) {
        return "{\"message\":\"EventEstablished\",\"AttrConnectionID\":\"" + call + "\",\"AttrThisDN\":\"1001\"}";
    }

    private static String released(String call) {
        return "{\"message\":\"EventReleased\",\"AttrConnectionID\":\"" + call + "\",\"AttrThisDN\":\"1001\"}";
    }

    private static RecordMetadata send(KafkaProducer<String, String> producer, String topic, String call, String event)
            throws Exception {
        return producer.send(new ProducerRecord<>(topic, call, event)).get(30, TimeUnit.SECONDS);
    }

    /** The consumer group's committed offset of the record's partition (the next record it will read), -1 for none. */
    private static long committed(Admin admin, String group, RecordMetadata record) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        OffsetAndMetadata offset = offsets.get(new TopicPartition(record.topic(), record.partition()));
        return offset == null ? -1 : offset.offset();
    }

    /** RequestQueryCall from a desktop on 1001: the gateway no longer knows the call (56). */
    private static boolean unknown(TlibTestClient connected, String call) throws Exception {
        try (TlibTestClient desktop = connected) {
            desktop.register("1001", null);
            JsonNode answer = desktop.request(message("RequestQueryCall").put("AttrConnectionID", call));
            return "EventError".equals(answer.path("message").asText()) && answer.path("AttrErrorCode").asInt() == 56;
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()));
    }

    private static KafkaProducer<String, String> producer() {
        return producer(TestKafka.bootstrapServers());
    }

    /** A producer that gives a record up after 5 s (a refused write shows within a test's patience). */
    private static KafkaProducer<String, String> producer(String brokers) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
    }

    private static Map<String, String> settings(String run, String recorderUri) throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put("recgate.tlib.host", "127.0.0.1");
        settings.put("recgate.tlib.port", Integer.toString(FreePorts.tcp()));
        settings.put("camel.management.port", Integer.toString(FreePorts.tcp()));
        settings.put("recgate.api.enabled", "false");
        settings.put("recgate.dn-file", Path.of(RunningGateway.TEST_DN_FILE).toAbsolutePath().toString());
        settings.put("recgate.data-dir", Path.of("target", run).toAbsolutePath().toString());
        settings.put("recgate.kafka.brokers", TestKafka.bootstrapServers());
        settings.put("recgate.call-feed.kafka.enabled", "true");
        settings.put("recgate.kafka.group-id", run);
        for (String topic : List.of("indications", "user-events", "audit", "call-events", "state")) {
            settings.put("recgate.kafka.topic." + topic, run + "." + topic);
        }
        settings.put("recgate.recorder.uri", recorderUri);
        settings.put("recgate.recorder.keepalive-ms", "0");
        settings.put("recgate.recorder.allowed-hosts", "127.0.0.1");
        // the same SIP address after the restart: the recorder answers there (RFC 3261 §18.2.2)
        settings.put("recgate.sip.port", Integer.toString(FreePorts.free("udp")));
        settings.put("recgate.recorder.timeout-ms", "3000");
        // the killed process's consumer leaves the group when its session times out (45 s by
        // default): only then does the restarted one get the partitions (docs/kafka.md)
        settings.put("camel.component.kafka.session-timeout-ms", "6000");
        return settings;
    }

    private static Path logOf(String run) throws java.io.IOException {
        return Files.createDirectories(Path.of("target", run)).resolve("gateway.log");
    }
}
