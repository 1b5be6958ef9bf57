package org.recgate.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.recgate.testing.Recordings.establish;
import static org.recgate.testing.Recordings.privateService;
import static org.recgate.testing.Recordings.recorderSettings;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.recgate.sip.SippRecorder;
import org.recgate.testing.RunningGateway;
import org.recgate.testing.TestKafka;
import org.recgate.testing.TlibTestClient;
import org.junit.jupiter.api.Timeout;

/**
 * 200 calls recorded at the same time by 10 desktops: per call, the indications on Kafka are in
 * state order, and none is there twice. Records are told apart by their eventId, so a duplicate is
 * reported as one and cannot pass for a missing or out-of-order indication.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class IndicationOrderIT {

    /** sipp's own bound (its default is 30 s): the desktops get 120 s, and sipp then still exits by itself. */
    private static final String SIPP_TIMEOUT = "180s";
    private static final int DESKTOPS = 10;
    private static final int CALLS_EACH = 20;
    private static final List<String> CYCLE = List.of("GSIP_RECORD_START", "GSIP_RECORD_PAUSE", "GSIP_RECORD_RESUME", "GSIP_RECORD_STOP");

    @Test
    void perCallOrderIsKept() throws Exception {
        int calls = DESKTOPS * CALLS_EACH;
        ExecutorService desktops = Executors.newFixedThreadPool(DESKTOPS);
        try (SippRecorder recorder = SippRecorder.start(SippRecorder.EXAMPLE, "udp", "-m", Integer.toString(calls),
                "-timeout", SIPP_TIMEOUT);
             RunningGateway gateway = RunningGateway.start(recorderSettings(recorder.uri(), "udp"));
             KafkaConsumer<String, String> indications = TestKafka.consumer(TestKafka.bootstrapServers(), gateway.topic("indications"));
             TlibTestClient feed = gateway.connectAs("switch")) {
            for (int d = 0; d < DESKTOPS; d++) {
                for (int c = 0; c < CALLS_EACH; c++) {
                    establish(feed, connectionId(d, c), dn(d), "5000");
                }
            }
            List<CompletableFuture<Void>> work = new ArrayList<>();
            for (int d = 0; d < DESKTOPS; d++) {
                int desktop = d;
                work.add(CompletableFuture.runAsync(() -> runDesktop(gateway, desktop), desktops));
            }
            CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            recorder.assertPassed();

            Map<String, List<String>> byCall = new LinkedHashMap<>();
            Set<String> eventIds = new HashSet<>();
            List<String> duplicates = new ArrayList<>();
            for (JsonNode indication : distinctIndications(indications, calls * CYCLE.size(), eventIds, duplicates)) {
                byCall.computeIfAbsent(indication.path("connectionId").asText(), key -> new ArrayList<>())
                        .add(indication.path("previousState").asText() + ">" + indication.path("state").asText());
            }
            assertEquals(calls * CYCLE.size(), eventIds.size(), "distinct indications on the topic");
            assertEquals(calls, byCall.size());
            byCall.forEach((call, states) ->
                    assertEquals(List.of("Off>On", "On>Paused", "Paused>On", "On>Off"), states, "state order of call " + call));
            assertEquals(List.of(), duplicates, "indications on the topic more than once (eventId)");
        } finally {
            desktops.shutdownNow();
        }
    }

    /**
     * The indications in topic order, each eventId once (its first copy), until {@code expected}
     * distinct ones came or 60 s passed; later copies of an eventId go to {@code duplicates}.
     */
    private static List<JsonNode> distinctIndications(KafkaConsumer<String, String> consumer, int expected,
                                                      Set<String> eventIds, List<String> duplicates) throws Exception {
        List<JsonNode> distinct = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (eventIds.size() < expected && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                JsonNode indication = RecordSchemas.assertValid("recording-indication-1", record.value());
                assertEquals(record.key(), indication.path("connectionId").asText(), "the key is the connection ID");
                if (eventIds.add(indication.path("eventId").asText())) {
                    distinct.add(indication);
                } else {
                    duplicates.add(indication.path("eventId").asText());
                }
            }
        }
        return distinct;
    }

    /** One desktop: starts all its calls' recordings, then pauses them all, resumes, stops. */
    private static void runDesktop(RunningGateway gateway, int desktop) {
        try (TlibTestClient client = gateway.connectAs("desktop")) {
            client.register(dn(desktop), null);
            for (String operation : CYCLE) {
                for (int c = 0; c < CALLS_EACH; c++) {
                    JsonNode reply = client.request(privateService(operation, dn(desktop), connectionId(desktop, c), Map.of()));
                    assertEquals("EventACK", reply.path("message").asText(), reply::toString);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String dn(int desktop) {
        return Integer.toString(3000 + desktop);
    }

    private static String connectionId(int desktop, int call) {
        return String.format("%08x%08x", 0xd0 + desktop, call);
    }
}
