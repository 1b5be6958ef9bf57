package org.recgate.userevent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.recgate.testing.TlibTestClient.message;
import static org.recgate.testing.TlibTestClient.sendEvent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.recgate.kafka.RecordSchemas;
import org.recgate.testing.RunningGateway;
import org.recgate.testing.TestKafka;
import org.recgate.testing.TlibTestClient;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

/**
 * RequestSendEvent between real desktop and vendor clients: relay, DN rules, screen-capture values,
 * and each step's user-event/1 record (with its kind) on the real Kafka broker.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class UserEventRelayIT {

    private static final Duration KAFKA_WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final RunningGateway gateway = RunningGateway.perClass();

    private static boolean isUserEvent(JsonNode event) {
        return "EventUserEvent".equals(event.path("message").asText());
    }

    @Test
    void desktopAndVendorExchangeScreenCaptureControl() throws Exception {
        try (KafkaConsumer<String, String> topic = TestKafka.consumer(TestKafka.bootstrapServers(), gateway.topic("user-events"));
             TlibTestClient desktop = gateway.connectAs("desktop");
             TlibTestClient vendor = gateway.connectAs("vendor")) {
            UserEventRecords records = new UserEventRecords(topic, "1004");
            desktop.register("1004", null);
            vendor.register("1004", "Share");

            JsonNode ack = desktop.request(sendEvent("1004", "start"));
            assertEquals("EventACK", ack.path("message").asText(), ack::toString);
            assertEquals(1, ack.path("AttrExtensions").path("delivered").asInt());
            JsonNode atVendor = vendor.await(UserEventRelayIT::isUserEvent);
            assertEquals("start", atVendor.path("AttrUserData").path("screen-capture").asText());
            assertEquals("1004", atVendor.path("AttrThisDN").asText());
            assertEquals("00000000000000ab", atVendor.path("AttrConnectionID").asText());
            assertFalse(atVendor.has("AttrReferenceID"), "an unsolicited event carries no ReferenceID");
            records.assertNext("request", "start", "desktop");

            step(vendor, desktop, "enabled", records, "indication", "vendor");
            step(desktop, vendor, "pause", records, "request", "desktop");
            step(vendor, desktop, "paused", records, "indication", "vendor");
            step(desktop, vendor, "resume", records, "request", "desktop");
            step(vendor, desktop, "enabled", records, "indication", "vendor");
            step(desktop, vendor, "stop", records, "request", "desktop");
            step(vendor, desktop, "disabled", records, "indication", "vendor");
            // query: the vendor gets it and answers with its state, which the desktop gets
            JsonNode queryAck = step(desktop, vendor, "query", records, "request", "desktop");
            assertFalse(queryAck.path("AttrExtensions").has("screen-capture"),
                    "a query that reached the vendor is answered by the vendor, not from the known state");
            step(vendor, desktop, "disabled", records, "indication", "vendor");
            // an ordinary user event (no screen-capture) is relayed and published as "other"
            desktop.request(sendEvent("1004", null));
            assertEquals("hello", vendor.await(UserEventRelayIT::isUserEvent).path("AttrUserData").path("note").asText());
            records.assertNext("other", null, "desktop");
            try (TlibTestClient late = gateway.connectAs("desktop-2")) {
                JsonNode registered = late.register("1004", "Monitor");
                assertEquals("disabled", registered.path("AttrExtensions").path("screen-capture").asText(),
                        "EventRegistered gives the DN's last known screen-capture state");
            }
        }
    }

    /**
     * {@code sender} sends {@code value} on 1004: the ACK counts one delivery, {@code receiver} gets
     * it, and tlib.user-events gets it with {@code kind} and the sender's {@code application}.
     */
    private static JsonNode step(TlibTestClient sender, TlibTestClient receiver, String value, UserEventRecords records,
                                 String kind, String application) throws Exception {
        JsonNode ack = sender.request(sendEvent("1004", value));
        assertEquals("EventACK", ack.path("message").asText(), ack::toString);
        assertEquals(1, ack.path("AttrExtensions").path("delivered").asInt(), ack::toString);
        JsonNode received = receiver.await(UserEventRelayIT::isUserEvent);
        assertEquals(value, received.path("AttrUserData").path("screen-capture").asText(), received::toString);
        records.assertNext(kind, value, application);
        return ack;
    }

    /** The user-event/1 records of one DN on the gateway's tlib.user-events topic, one after the other. */
    private static final class UserEventRecords {
        private final KafkaConsumer<String, String> consumer;
        private final String dn;
        private final Deque<ConsumerRecord<String, String>> waiting = new ArrayDeque<>();

        UserEventRecords(KafkaConsumer<String, String> consumer, String dn) {
            this.consumer = consumer;
            this.dn = dn;
        }

        void assertNext(String kind, String screenCapture, String application) throws Exception {
            long deadline = System.nanoTime() + KAFKA_WAIT.toNanos();
            while (waiting.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (dn.equals(record.key())) {
                        waiting.add(record);
                    }
                }
            }
            ConsumerRecord<String, String> record = waiting.poll();
            assertNotNull(record, () -> "no user-event record for " + screenCapture + " within " + KAFKA_WAIT);
            JsonNode event = RecordSchemas.assertValid("user-event-1", record.value());
            String expected = kind + ":" + (screenCapture == null ? "-" : screenCapture) + ":" + application + ":" + dn;
            assertEquals(expected, event.path("kind").asText() + ":" + event.path("screenCapture").asText("-") + ":"
                    + event.path("from").path("application").asText() + ":" + event.path("thisDn").asText(), record::value);
        }
    }

    @Test
    void queryWithoutVendorIsAnsweredFromTheLastKnownState() throws Exception {
        try (TlibTestClient desktop = gateway.connectAs("desktop"); TlibTestClient vendor = gateway.connectAs("vendor")) {
            desktop.register("1002", null);
            vendor.register("1002", null);
            vendor.request(sendEvent("1002", "paused"));
            vendor.request(message("RequestUnregisterAddress").put("AttrThisDN", "1002"));
            JsonNode ack = desktop.request(sendEvent("1002", "query"));
            assertEquals(0, ack.path("AttrExtensions").path("delivered").asInt());
            assertEquals("paused", ack.path("AttrExtensions").path("screen-capture").asText());
        }
    }

    @Test
    void everyOtherClientOnTheDnReceivesIncludingMonitors() throws Exception {
        try (TlibTestClient sender = gateway.connectAs("desktop");
             TlibTestClient second = gateway.connectAs("desktop-2");
             TlibTestClient monitor = gateway.connectAs("cli")) {
            sender.register("5000", null);
            second.register("5000", null);
            monitor.register("5000", "Monitor");
            JsonNode ack = sender.request(sendEvent("5000", null));
            assertEquals(2, ack.path("AttrExtensions").path("delivered").asInt());
            assertEquals("hello", second.await(UserEventRelayIT::isUserEvent).path("AttrUserData").path("note").asText());
            assertEquals("hello", monitor.await(UserEventRelayIT::isUserEvent).path("AttrUserData").path("note").asText());
        }
    }

    @Test
    void requestsForUnregisteredOrMonitorDnsAre41() throws Exception {
        try (TlibTestClient client = gateway.connectAs("desktop")) {
            JsonNode unregistered = client.request(sendEvent("1001", "start"));
            assertEquals(41, unregistered.path("AttrErrorCode").asInt(), unregistered::toString);
            client.register("1001", "Monitor");
            JsonNode monitor = client.request(sendEvent("1001", "start"));
            assertEquals(41, monitor.path("AttrErrorCode").asInt(), monitor::toString);
        }
    }

    @Test
    void badScreenCaptureValueIs53AndAnsweredOnce() throws Exception {
        try (TlibTestClient client = gateway.connectAs("desktop")) {
            client.register("1001", null);
            JsonNode error = client.request(sendEvent("1001", "record-everything"));
            assertEquals(53, error.path("AttrErrorCode").asInt(), error::toString);
            ObjectNode mismatched = sendEvent("1001", "start");
            ((ObjectNode) mismatched.get("AttrEvent")).put("AttrThisDN", "1002");
            assertEquals(53, client.request(mismatched).path("AttrErrorCode").asInt());
            ObjectNode noEvent = message("RequestSendEvent").put("AttrThisDN", "1001");
            assertEquals(53, client.request(noEvent).path("AttrErrorCode").asInt());

            int referenceId = client.send(message("RequestRegisterAddress").put("AttrThisDN", "1002"));
            JsonNode next = client.next();
            assertEquals(referenceId, next.path("AttrReferenceID").asInt(), "no second answer to a refused request: " + next);
        }
    }
}
