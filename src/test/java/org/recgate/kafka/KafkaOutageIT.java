package org.recgate.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recgate.testing.Recordings.establish;
import static org.recgate.testing.Recordings.privateService;
import static org.recgate.testing.Recordings.recorderSettings;
import static org.recgate.testing.TlibTestClient.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgate.sip.SippRecorder;
import org.recgate.testing.RunningGateway;
import org.recgate.testing.TestKafka;
import org.recgate.testing.TlibTestClient;

/**
 * The broker goes away for 20 s while calls are recorded, then comes back: the clients were served
 * throughout, and afterwards every indication of the run is on the topic, in order per call, none
 * duplicated.
 */
class KafkaOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(20);
    private static final int MAX_CALLS = 60;

    @TempDir
    Path kafkaData;

    @Test
    void indicationsSurviveABrokerOutage() throws Exception {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(RunningGateway.freePort(), kafkaData);
        broker.start();
        try (SippRecorder recorder = SippRecorder.start("srs_answer.xml", "udp", "-m", Integer.toString(MAX_CALLS))) {
            Map<String, String> settings = new HashMap<>(recorderSettings(recorder.uri(), "udp"));
            settings.put("recgate.kafka.brokers", broker.bootstrapServers());
            try (RunningGateway gateway = RunningGateway.start(settings);
                 TlibTestClient feed = gateway.connectAs("switch");
                 TlibTestClient desktop = gateway.connectAs("desktop")) {
                desktop.register("1001", null);
                List<String> calls = new ArrayList<>();
                record(feed, desktop, calls, 3);

                broker.close();
                long outageEnds = System.nanoTime() + OUTAGE.toNanos();
                int duringOutage = 0;
                while (System.nanoTime() < outageEnds) { // each request is answered while Kafka is away
                    if (calls.size() < MAX_CALLS - 1) {
                        record(feed, desktop, calls, 1);
                        duringOutage++;
                    } else {
                        JsonNode info = desktop.request(message("RequestQueryCall").put("AttrConnectionID", calls.get(0)));
                        assertEquals("EventPartyInfo", info.path("message").asText(), info::toString);
                    }
                }
                broker.start();
                record(feed, desktop, calls, 1);
                assertTrue(duringOutage >= 3, "recordings were made during the outage: " + duringOutage);

                Map<String, List<String>> byCall = indications(gateway, calls.size() * 2);
                assertEquals(new HashSet<>(calls), byCall.keySet(), "every call's indications arrived");
                byCall.forEach((call, states) ->
                        assertEquals(List.of("Off>On", "On>Off"), states, "in order, none lost or duplicated, for " + call));
            }
        } finally {
            broker.close();
        }
    }

    private static void record(TlibTestClient feed, TlibTestClient desktop, List<String> calls, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            String call = String.format("%016x", 0xc000 + calls.size());
            calls.add(call);
            establish(feed, call, "1001", "5000");
            JsonNode started = desktop.request(privateService("GSIP_RECORD_START", "1001", call, Map.of()));
            assertEquals("EventACK", started.path("message").asText(), started::toString);
            JsonNode stopped = desktop.request(privateService("GSIP_RECORD_STOP", "1001", call, Map.of()));
            assertEquals("EventACK", stopped.path("message").asText(), stopped::toString);
        }
    }

    /** The indications per call, as state changes in the order they are on the topic. */
    private static Map<String, List<String>> indications(RunningGateway gateway, int expected) throws Exception {
        Map<String, List<String>> byCall = new LinkedHashMap<>();
        Set<String> eventIds = new HashSet<>();
        String brokers = gateway.gate().context().getPropertiesComponent()
                .resolveProperty("camel.component.kafka.brokers").orElseThrow();
        try (KafkaConsumer<String, String> consumer = TestKafka.consumer(brokers, gateway.topic("indications"))) {
            for (ConsumerRecord<String, String> record : TestKafka.poll(consumer, expected, Duration.ofSeconds(60))) {
                JsonNode indication = RecordSchemas.assertValid("recording-indication-1", record.value());
                assertTrue(eventIds.add(indication.path("eventId").asText()), "no record twice: " + record.value());
                byCall.computeIfAbsent(record.key(), key -> new ArrayList<>())
                        .add(indication.path("previousState").asText() + ">" + indication.path("state").asText());
            }
        }
        return byCall;
    }
}
