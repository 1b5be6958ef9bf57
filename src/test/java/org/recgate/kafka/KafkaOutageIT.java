package org.recgate.kafka;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recgate.testing.Recordings.establish;
import static org.recgate.testing.Recordings.privateService;
import static org.recgate.testing.Recordings.recorderSettings;
import static org.recgate.testing.TlibTestClient.message;

import com.fasterxml.jackson.databind.JsonNode;
import org.recgate.testing.FreePorts;
import io.micrometer.core.instrument.Counter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.spi.InflightRepository;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.recgate.sip.SippRecorder;
import org.recgate.testing.RunningGateway;
import org.recgate.testing.TestKafka;
import org.recgate.testing.TlibTestClient;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

/**
 * The broker goes away for 20 s while calls are recorded, then comes back: the clients were served
 * throughout, and afterwards every indication of the run is on the topic, in order per call, none
 * duplicated. A record made before the broker is up at all waits and goes; one whose delivery
 * timeout passes while the broker is away is dropped, counted and never sent again.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class KafkaOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(20);
    private static final int MAX_CALLS = 60;
    /** sipp's own bound (its default is 30 s, shorter than the outage test's run). */
    private static final String SIPP_TIMEOUT = "120s";

    @TempDir
    Path kafkaData;

    @Test
    void indicationsSurviveABrokerOutage() throws Exception {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(FreePorts.tcp(), kafkaData);
        broker.start();
        try (SippRecorder recorder = SippRecorder.start("srs_answer.xml", "udp", "-m", Integer.toString(MAX_CALLS),
                "-timeout", SIPP_TIMEOUT)) {
            try (RunningGateway gateway = RunningGateway.start(outageSettings(recorder, broker));
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

    @Test
    void recordsMadeBeforeTheBrokerIsUpAreSentInOrderOnceItIs() throws Exception {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(FreePorts.tcp(), kafkaData);
        try (SippRecorder recorder = SippRecorder.start("srs_answer.xml", "udp", "-m", "2", "-timeout", SIPP_TIMEOUT)) {
            Map<String, String> settings = outageSettings(recorder, broker); // nothing listens there yet
            try (RunningGateway gateway = RunningGateway.start(settings);
                 TlibTestClient feed = gateway.connectAs("switch");
                 TlibTestClient desktop = gateway.connectAs("desktop")) {
                desktop.register("1001", null);
                List<String> calls = new ArrayList<>();
                record(feed, desktop, calls, 2);
                // the first indication was refused inside send() (no metadata within max.block.ms) and waits for its retry
                await().atMost(Duration.ofSeconds(30)).until(() -> beingRetried(gateway, "publish-indications"));
                broker.start();

                Map<String, List<String>> byCall = indications(gateway, calls.size() * 2);
                assertEquals(new HashSet<>(calls), byCall.keySet(), "every call's indications arrived");
                byCall.forEach((call, states) ->
                        assertEquals(List.of("Off>On", "On>Off"), states, "in order, none lost or duplicated, for " + call));
                assertEquals(0.0, undelivered(gateway, "indications", "failed") + undelivered(gateway, "indications", "expired"));
            }
        } finally {
            broker.close();
        }
    }

    /**
     * With a 3 s delivery timeout, each indication made while the broker is away either waits in
     * the producer's batch until its delivery timeout passes (dropped, counted, never sent again)
     * or was refused before it joined one (no metadata: sent again once the broker is back). Which
     * one depends on what the producer still knows of the topic; either way each record is on the
     * topic once or counted, never both, and the ones that arrive are in order.
     */
    @Test
    void duringAnOutageEachRecordArrivesOnceOrIsCountedAsUndelivered() throws Exception {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(FreePorts.tcp(), kafkaData);
        broker.start();
        try (SippRecorder recorder = SippRecorder.start("srs_answer.xml", "udp", "-m", "4", "-timeout", SIPP_TIMEOUT)) {
            Map<String, String> settings = outageSettings(recorder, broker);
            settings.put("recgate.kafka.delivery-timeout-ms", "3000");
            settings.put("camel.component.kafka.request-timeout-ms", "1000"); // delivery.timeout.ms >= linger + request timeout
            try (RunningGateway gateway = RunningGateway.start(settings);
                 TlibTestClient feed = gateway.connectAs("switch");
                 TlibTestClient desktop = gateway.connectAs("desktop")) {
                desktop.register("1001", null);
                List<String> calls = new ArrayList<>();
                record(feed, desktop, calls, 1);
                assertEquals(Set.of(calls.get(0)), indications(gateway, 2).keySet(), "the topic is there and known");

                broker.close();
                record(feed, desktop, calls, 2);
                int duringOutage = 4;
                // every one of the four has expired (counted) or waits for the route to send it again
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        undelivered(gateway, "indications", "expired") + waitingToBeSentAgain(gateway) == duringOutage);
                int expired = (int) undelivered(gateway, "indications", "expired");
                broker.start();
                record(feed, desktop, calls, 1);

                Map<String, List<String>> byCall = indications(gateway, 2 + duringOutage - expired + 2);
                assertEquals(List.of("Off>On", "On>Off"), byCall.get(calls.get(0)));
                assertEquals(List.of("Off>On", "On>Off"), byCall.get(calls.get(3)), "the broker is back");
                int arrived = byCall.values().stream().mapToInt(List::size).sum() - 4;
                assertEquals(duringOutage, arrived + expired, "each indication of the outage arrived or was counted: " + byCall);
                for (String call : calls.subList(1, 3)) {
                    List<String> states = byCall.getOrDefault(call, List.of());
                    assertTrue(List.of(List.of(), List.of("Off>On"), List.of("On>Off"), List.of("Off>On", "On>Off"))
                            .contains(states), "what arrived of " + call + " is in order, none twice: " + states);
                }
                assertEquals(0.0, undelivered(gateway, "indications", "failed"));
            }
        } finally {
            broker.close();
        }
    }

    /** Indications waiting for the publishing route to try them again: the one being retried and those queued behind it. */
    private static double waitingToBeSentAgain(RunningGateway gateway) {
        Collection<InflightRepository.InflightExchange> inflight =
                gateway.gate().context().getInflightRepository().browse("publish-indications");
        boolean allRetried = inflight.stream().allMatch(KafkaOutageIT::retried);
        int queued = gateway.gate().context().getEndpoint("seda:" + gateway.topic("indications"), SedaEndpoint.class)
                .getCurrentQueueSize();
        return allRetried ? inflight.size() + queued : -1;
    }

    private static boolean retried(InflightRepository.InflightExchange inflight) {
        return inflight.getExchange().getIn().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class) > 0;
    }

    /** An exchange of the route is in flight after a failed attempt (the error handler set its redelivery counter). */
    private static boolean beingRetried(RunningGateway gateway, String routeId) {
        return gateway.gate().context().getInflightRepository().browse(routeId).stream().anyMatch(KafkaOutageIT::retried);
    }

    /** {@code recgate_kafka_records_undelivered_total{topic,reason}} of this gateway's topic. */
    private static double undelivered(RunningGateway gateway, String topic, String reason) {
        MeterRegistry meters = gateway.gate().context().getRegistry()
                .lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class);
        Counter counter = meters.find("recgate.kafka.records.undelivered")
                .tags("topic", gateway.topic(topic), "reason", reason).counter();
        return counter == null ? 0.0 : counter.count();
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

    /** The gateway on {@code broker}, with its in-flight exchanges browsable (to see a record being retried). */
    private static Map<String, String> outageSettings(SippRecorder recorder, EmbeddedKafkaBroker broker) throws Exception {
        Map<String, String> settings = new HashMap<>(recorderSettings(recorder.uri(), "udp"));
        settings.put("recgate.kafka.brokers", broker.bootstrapServers());
        settings.put("camel.main.inflight-repository-browse-enabled", "true");
        return settings;
    }
}
