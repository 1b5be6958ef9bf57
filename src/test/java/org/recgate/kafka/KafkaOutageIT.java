package org.recgate.kafka;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recgate.testing.Recordings.establish;
import static org.recgate.testing.Recordings.privateService;
import static org.recgate.testing.Recordings.recorderSettings;
import static org.recgate.testing.TlibTestClient.message;

import com.fasterxml.jackson.databind.JsonNode;
import org.recgate.testing.FreePorts;
import org.recgate.testing.LogCapture;
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
                 Desk desk = new Desk(gateway)) {
                desk.record(3);

                broker.close();
                long outageEnds = System.nanoTime() + OUTAGE.toNanos();
                int duringOutage = 0;
                while (System.nanoTime() < outageEnds) { // each request is answered while Kafka is away
                    if (desk.calls().size() < MAX_CALLS - 1) {
                        desk.record(1);
                        duringOutage++;
                    } else {
                        JsonNode info = desk.desktop().request(message("RequestQueryCall")
                                .put("AttrConnectionID", desk.calls().get(0)));
                        assertEquals("EventPartyInfo", info.path("message").asText(), info::toString);
                    }
                }
                broker.start();
                desk.record(1);
                assertTrue(duringOutage >= 3, "recordings were made during the outage: " + duringOutage);

                assertEveryCallIndicatedOnce(gateway, desk.calls());
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
            try (RunningGateway gateway = RunningGateway.start(settings); Desk desk = new Desk(gateway)) {
                desk.record(2);
                // the first indication was refused inside send() (no metadata within max.block.ms) and waits for its retry
                await().atMost(Duration.ofSeconds(30)).until(() -> beingRetried(gateway, "publish-indications"));
                broker.start();

                assertEveryCallIndicatedOnce(gateway, desk.calls());
                assertEquals(0.0, undelivered(gateway, "indications", "failed") + undelivered(gateway, "indications", "expired"));
            }
        } finally {
            broker.close();
        }
    }

    /**
     * Kafka down longer than a 3 s {@code recgate.kafka.delivery-timeout-ms}, then back (issue 15).
     * Measured: each indication made meanwhile either waits in the producer's batch until its
     * delivery timeout passes (dropped: counted, logged at ERROR with the record, never sent again)
     * or was refused before it joined one (no metadata: sent again once the broker is back). Which
     * one depends on what the producer still knows of the topic. So not every record is delivered:
     * the ones missing on the topic are exactly the ones logged and counted as undelivered (by
     * eventId), none is there twice, and the ones that arrive are in order per call.
     */
    @Test
    void downLongerThanTheDeliveryTimeoutWhatIsMissingIsExactlyWhatWasCountedAndLogged() throws Exception {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(FreePorts.tcp(), kafkaData);
        broker.start();
        Duration deliveryTimeout = Duration.ofSeconds(3);
        try (SippRecorder recorder = SippRecorder.start("srs_answer.xml", "udp", "-m", "4", "-timeout", SIPP_TIMEOUT);
             LogCapture log = LogCapture.start()) {
            Map<String, String> settings = outageSettings(recorder, broker);
            settings.put("recgate.kafka.delivery-timeout-ms", Long.toString(deliveryTimeout.toMillis()));
            settings.put("camel.component.kafka.request-timeout-ms", "1000"); // delivery.timeout.ms >= linger + request timeout
            try (RunningGateway gateway = RunningGateway.start(settings); Desk desk = new Desk(gateway)) {
                desk.record(1);
                List<String> calls = desk.calls();
                assertEquals(Set.of(calls.get(0)), indications(gateway, 2).keySet(), "the topic is there and known");

                broker.close();
                long outageLongerThanTheTimeout = System.nanoTime() + deliveryTimeout.plusSeconds(2).toNanos();
                desk.record(2);
                int duringOutage = 4;
                // the broker stays away past the delivery timeout, until every one of the four has
                // expired (counted) or waits for the route to send it again
                await().atMost(Duration.ofSeconds(30)).until(() -> System.nanoTime() > outageLongerThanTheTimeout
                        && undelivered(gateway, "indications", "expired") + waitingToBeSentAgain(gateway) == duringOutage);
                int expired = (int) undelivered(gateway, "indications", "expired");
                broker.start();
                desk.record(1);

                List<JsonNode> arrived = indicationRecords(gateway, 2 + duringOutage - expired + 2);
                Map<String, List<String>> byCall = byCall(arrived);
                assertEquals(List.of("Off>On", "On>Off"), byCall.get(calls.get(0)));
                assertEquals(List.of("Off>On", "On>Off"), byCall.get(calls.get(3)), "the broker is back");
                for (String call : calls.subList(1, 3)) {
                    List<String> states = byCall.getOrDefault(call, List.of());
                    assertTrue(List.of(List.of(), List.of("Off>On"), List.of("On>Off"), List.of("Off>On", "On>Off"))
                            .contains(states), "what arrived of " + call + " is in order, none twice: " + states);
                }
                List<JsonNode> logged = undeliveredLogged(log.text(), gateway.topic("indications"));
                assertEquals(expired, logged.size(), "each one counted is logged: " + logged);
                Set<String> missing = new HashSet<>();
                for (String call : calls.subList(1, 3)) {
                    for (String change : List.of("Off>On", "On>Off")) {
                        if (!byCall.getOrDefault(call, List.of()).contains(change)) {
                            missing.add(call + " " + change);
                        }
                    }
                }
                Set<String> loggedChanges = new HashSet<>();
                logged.forEach(record -> loggedChanges.add(record.path("connectionId").asText() + " "
                        + record.path("previousState").asText() + ">" + record.path("state").asText()));
                assertEquals(missing, loggedChanges, "what is missing on the topic is what was logged undelivered");
                Set<String> arrivedIds = new HashSet<>();
                arrived.forEach(record -> arrivedIds.add(record.path("eventId").asText()));
                logged.forEach(record -> assertFalse(arrivedIds.contains(record.path("eventId").asText()),
                        "an undelivered record never arrives: " + record));
                assertEquals(0.0, undelivered(gateway, "indications", "failed"));
            }
        } finally {
            broker.close();
        }
    }

    /** The records KafkaSendFailures logged at ERROR as undelivered for {@code topic}, as JSON. */
    private static List<JsonNode> undeliveredLogged(String log, String topic) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        String marker = "Record for " + topic + " not delivered";
        for (String line : log.split("\n")) {
            int json = line.indexOf("it may be on the topic already: ");
            if (line.contains(marker) && json >= 0) {
                records.add(RecordSchemas.assertValid("recording-indication-1",
                        line.substring(json + "it may be on the topic already: ".length())));
            }
        }
        return records;
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

    /** The switch feed and a desktop on 1001 of a gateway, and the calls they have recorded, in order. */
    private static final class Desk implements AutoCloseable {
        private final TlibTestClient feed;
        private final TlibTestClient desktop;
        private final List<String> calls = new ArrayList<>();

        Desk(RunningGateway gateway) throws Exception {
            this.feed = gateway.connectAs("switch");
            this.desktop = gateway.connectAs("desktop");
            desktop.register("1001", null);
        }

        /** {@code count} new calls, each recorded (started and stopped) by the desktop. */
        void record(int count) throws Exception {
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

        /** The connection IDs of the calls recorded so far, the first first (a live list). */
        List<String> calls() {
            return calls;
        }

        TlibTestClient desktop() {
            return desktop;
        }

        @Override
        public void close() throws Exception {
            try (feed) {
                desktop.close();
            }
        }
    }

    /** Both indications of each call (Off>On, On>Off) are on the topic, in order, none lost or duplicated. */
    private static void assertEveryCallIndicatedOnce(RunningGateway gateway, List<String> calls) throws Exception {
        Map<String, List<String>> byCall = indications(gateway, calls.size() * 2);
        assertEquals(new HashSet<>(calls), byCall.keySet(), "every call's indications arrived");
        byCall.forEach((call, states) ->
                assertEquals(List.of("Off>On", "On>Off"), states, "in order, none lost or duplicated, for " + call));
    }

    /** The indications per call, as state changes in the order they are on the topic. */
    private static Map<String, List<String>> indications(RunningGateway gateway, int expected) throws Exception {
        return byCall(indicationRecords(gateway, expected));
    }

    private static Map<String, List<String>> byCall(List<JsonNode> indications) {
        Map<String, List<String>> byCall = new LinkedHashMap<>();
        for (JsonNode indication : indications) {
            byCall.computeIfAbsent(indication.path("connectionId").asText(), key -> new ArrayList<>())
                    .add(indication.path("previousState").asText() + ">" + indication.path("state").asText());
        }
        return byCall;
    }

    /** The indications on the topic, in their order (one partition per call), each checked against its schema and seen once. */
    private static List<JsonNode> indicationRecords(RunningGateway gateway, int expected) throws Exception {
        List<JsonNode> indications = new ArrayList<>();
        Set<String> eventIds = new HashSet<>();
        String brokers = gateway.gate().context().getPropertiesComponent()
                .resolveProperty("camel.component.kafka.brokers").orElseThrow();
        try (KafkaConsumer<String, String> consumer = TestKafka.consumer(brokers, gateway.topic("indications"))) {
            for (ConsumerRecord<String, String> record : TestKafka.poll(consumer, expected, Duration.ofSeconds(60))) {
                JsonNode indication = RecordSchemas.assertValid("recording-indication-1", record.value());
                assertTrue(eventIds.add(indication.path("eventId").asText()), "no record twice: " + record.value());
                indications.add(indication);
            }
        }
        return indications;
    }

    /** The gateway on {@code broker}, with its in-flight exchanges browsable (to see a record being retried). */
    private static Map<String, String> outageSettings(SippRecorder recorder, EmbeddedKafkaBroker broker) throws Exception {
        Map<String, String> settings = new HashMap<>(recorderSettings(recorder.uri(), "udp"));
        settings.put("recgate.kafka.brokers", broker.bootstrapServers());
        settings.put("camel.main.inflight-repository-browse-enabled", "true");
        // the desktop asks RequestQueryCall as fast as it is answered for the rest of the outage
        settings.put("recgate.tlib.max-requests-per-second", "100000");
        settings.put("recgate.tlib.max-request-burst", "100000");
        return settings;
    }
}
