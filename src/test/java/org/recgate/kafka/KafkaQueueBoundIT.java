package org.recgate.kafka;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recgate.testing.TlibTestClient.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.component.seda.SedaEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.recgate.testing.FreePorts;
import org.recgate.testing.RunningGateway;
import org.recgate.testing.TlibTestClient;

/**
 * The publishing queues are bounded by bytes as well as by records (recgate.kafka.queue-max-bytes,
 * docs/security.md "Limits"): while no broker answers, 20 KB user events fill their topic's
 * queue up to the byte bound, and each one beyond is dropped and counted like a record over
 * recgate.kafka.queue-size; the queue never holds more bytes than the bound, and every request is
 * answered as usual.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class KafkaQueueBoundIT {

    private static final int BOUND = 100_000;
    private static final int EVENTS = 12;
    private static final int BLOB = 20_000;

    @Test
    void recordsBeyondTheByteBoundAreDroppedAndCounted() throws Exception {
        String nowhere = "127.0.0.1:" + FreePorts.tcp(); // no broker: the records wait
        try (RunningGateway gateway = RunningGateway.start(Map.of("recgate.kafka.brokers", nowhere,
                "recgate.kafka.queue-max-bytes", Integer.toString(BOUND)));
             TlibTestClient desktop = gateway.connectAs("desktop")) {
            desktop.register("1001", null);
            String topic = gateway.topic("user-events");
            for (int i = 0; i < EVENTS; i++) {
                JsonNode ack = desktop.request(bigUserEvent(i));
                assertEquals("EventACK", ack.path("message").asText(), ack::toString);
            }
            // each record was queued or dropped before its EventACK was sent (route tlib-user-events)
            double queued = gateway.counter("recgate.kafka.records.queued", "topic", topic);
            double dropped = gateway.counter("recgate.kafka.records.dropped", "topic", topic);
            assertEquals(EVENTS, queued + dropped, "each record counted once");
            int fit = BOUND / BLOB; // fewer, as each record is a little larger than its blob
            assertTrue(queued <= fit + 1, "at most what fits, and the one the publishing route took: " + queued);
            assertTrue(dropped >= EVENTS - fit - 1, "the ones beyond the bound: " + dropped);

            // the publishing route took the first record and waits for the broker with it: the queue stands still
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    gateway.gate().context().getInflightRepository().size("publish-user-events") == 1);
            SedaEndpoint queue = gateway.gate().context().getEndpoint("seda:" + topic, SedaEndpoint.class);
            long held = bytesIn(queue);
            assertTrue(held <= BOUND, "the queue holds " + held + " bytes");
            assertTrue(held > BOUND - 2 * BLOB, "it was filled: " + held);
            assertEquals(held, gateway.gauge("recgate.kafka.queue.bytes", "topic", topic), 0.0,
                    "recgate_kafka_queue_bytes shows what the queue holds");
            assertEquals(queue.getCurrentQueueSize(), gateway.gauge("recgate.kafka.queue.records", "topic", topic), 0.0,
                    "recgate_kafka_queue_records too");
            assertEquals(0.0, gateway.counter("recgate.kafka.records.dropped", "topic", gateway.topic("audit")),
                    "the small audit records of another queue still fit");
        }
    }

    /** A queue full of records drops the next one the same way, with the other bound's own message. */
    @Test
    void recordsBeyondTheRecordBoundAreDroppedAndTheRequestsAnswered() throws Exception {
        String nowhere = "127.0.0.1:" + FreePorts.tcp();
        try (RunningGateway gateway = RunningGateway.start(Map.of("recgate.kafka.brokers", nowhere,
                "recgate.kafka.queue-size", "2"));
             TlibTestClient desktop = gateway.connectAs("desktop")) {
            String topic = gateway.topic("audit");
            for (int i = 0; i < 6; i++) {
                JsonNode registered = desktop.register("100" + i, null);
                assertEquals("EventRegistered", registered.path("message").asText(), registered::toString);
            }
            // a request's audit record is made once it is answered: RequestRegisterClient and six RequestRegisterAddress
            await().atMost(Duration.ofSeconds(30)).until(() -> gateway.counter("recgate.kafka.records.queued", "topic", topic)
                    + gateway.counter("recgate.kafka.records.dropped", "topic", topic) == 7);
            double queued = gateway.counter("recgate.kafka.records.queued", "topic", topic);
            double dropped = gateway.counter("recgate.kafka.records.dropped", "topic", topic);
            assertTrue(queued <= 3 && dropped >= 4, queued + " queued, " + dropped + " dropped");
            assertTrue(gateway.gate().context().getEndpoint("seda:" + topic, SedaEndpoint.class).getCurrentQueueSize() <= 2);
        }
    }

    private static ObjectNode bigUserEvent(int i) {
        ObjectNode request = message("RequestSendEvent").put("AttrThisDN", "1001");
        ObjectNode event = request.putObject("AttrEvent").put("message", "EventUserEvent");
        event.putObject("AttrUserData").put("note-" + i, "x".repeat(BLOB));
        return request;
    }

    /** The bytes of the records waiting in a publishing queue (each body is the record's JSON). */
    private static long bytesIn(SedaEndpoint queue) {
        long bytes = 0;
        for (Exchange exchange : queue.getQueue()) {
            bytes += exchange.getMessage().getBody(byte[].class).length;
        }
        return bytes;
    }
}
