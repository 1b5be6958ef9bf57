package org.recgate.kafka;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recgate.testing.TlibTestClient.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.ServiceStatus;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.recgate.testing.FreePorts;
import org.recgate.testing.RunningGateway;
import org.recgate.testing.TlibTestClient;

/**
 * With the embedded broker (recgate.kafka.brokers empty) any local process may write the
 * call-events topic, so the Kafka call feed is off unless recgate.call-feed.kafka.enabled=true
 * (docs/security.md, Kafka): a call written there is not applied, and with the key true it is.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class EmbeddedCallFeedIT {

    private static final String CALL = "00000000000000c7";

    @TempDir
    Path dataDir;

    private RunningGateway embedded(String enabled) throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put("recgate.kafka.brokers", ""); // as in application.properties: the embedded broker
        settings.put("recgate.kafka.embedded.port", Integer.toString(FreePorts.tcp()));
        settings.put("recgate.data-dir", dataDir.toString());
        if (enabled != null) {
            settings.put("recgate.call-feed.kafka.enabled", enabled);
        }
        return RunningGateway.start(settings);
    }

    private static String brokers(RunningGateway gateway) {
        return gateway.gate().context().getPropertiesComponent().resolveProperty("camel.component.kafka.brokers").orElseThrow();
    }

    /** Anyone on the machine: a plain producer writes a call to the topic. */
    private static void writeCall(RunningGateway gateway) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers(gateway),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(gateway.topic("call-events"), CALL, "{\"message\":\"EventEstablished\","
                    + "\"AttrConnectionID\":\"" + CALL + "\",\"AttrThisDN\":\"1001\",\"AttrOtherDN\":\"5000\"}")).get();
        }
    }

    private static JsonNode query(TlibTestClient client) throws Exception {
        return client.request(message("RequestQueryCall").put("AttrConnectionID", CALL));
    }

    @Test
    void offByDefaultWithTheEmbeddedBroker() throws Exception {
        try (RunningGateway gateway = embedded(null);
             TlibTestClient desktop = gateway.connectAs("desktop");
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers(gateway)))) {
            desktop.register("1001", "Monitor");
            assertEquals(ServiceStatus.Stopped, gateway.gate().context().getRouteController().getRouteStatus("call-events"),
                    "the route is there, not started");
            writeCall(gateway);
            String group = gateway.gate().context().getPropertiesComponent().resolveProperty("recgate.kafka.group-id").orElseThrow();
            List<String> groups = admin.listGroups().all().get(30, TimeUnit.SECONDS).stream().map(GroupListing::groupId).toList();
            assertTrue(!groups.contains(group), "the gateway's consumer group never joined: " + groups);
            JsonNode reply = query(desktop);
            assertEquals(56, reply.path("AttrErrorCode").asInt(), reply::toString);
            assertEquals(0.0, gateway.counter("recgate.kafka.call.events", "outcome", "applied"));
            assertEquals(200, gateway.http("/observe/health").statusCode(), "a route that is off is no failure");
        }
    }

    @Test
    void onWhenEnabled() throws Exception {
        try (RunningGateway gateway = embedded("true");
             TlibTestClient desktop = gateway.connectAs("desktop")) {
            desktop.register("1001", "Monitor");
            assertEquals(ServiceStatus.Started, gateway.gate().context().getRouteController().getRouteStatus("call-events"));
            writeCall(gateway);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> "EventPartyInfo".equals(query(desktop).path("message").asText()));
            assertEquals(1.0, gateway.counter("recgate.kafka.call.events", "outcome", "applied"));
        }
    }
}
