package org.recgate.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recgate.testing.Recordings.attachedData;
import static org.recgate.testing.Recordings.establish;
import static org.recgate.testing.Recordings.privateService;
import static org.recgate.testing.Recordings.recorderSettings;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.recgate.kafka.RecordSchemas;
import org.recgate.sip.SippRecorder;
import org.recgate.testing.RunningGateway;
import org.recgate.testing.TestKafka;
import org.recgate.testing.TlibTestClient;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

/**
 * A recording's whole life through the real gateway, over UDP and over TCP: the switch feeds the
 * call, a desktop starts, pauses, resumes (with params) and stops the recording, sipp plays the
 * SIPREC recorder and checks every request it gets, the call's clients see GSIP_RECORD change,
 * and the indications on Kafka follow the states.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RecordingFlowIT {

    static final String CONN = "00000000000000a1";

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void startPauseResumeStop(String transport) throws Exception {
        try (SippRecorder recorder = SippRecorder.start("gw_srs_cycle.xml", transport);
             RunningGateway gateway = RunningGateway.start(recorderSettings(recorder.uri(), transport));
             KafkaConsumer<String, String> indications = TestKafka.consumer(TestKafka.bootstrapServers(), gateway.topic("indications"));
             TlibTestClient feed = gateway.connectAs("switch");
             TlibTestClient desktop = gateway.connectAs("desktop");
             TlibTestClient customerSide = gateway.connectAs("supervisor-free");
             TlibTestClient unrelated = gateway.connectAs("desktop-2")) {
            desktop.register("1001", null);
            customerSide.register("5000", "Monitor");
            customerSide.register("1001", "Monitor"); // on two DNs of the call: still one event per change
            unrelated.register("1002", null);
            establish(feed, CONN, "1001", "5000");

            int mark = desktop.mark();
            JsonNode started = desktop.request(privateService("GSIP_RECORD_START", "1001", CONN, Map.of("id", "rec-" + transport)));
            assertEquals("EventACK", started.path("message").asText(), started::toString);
            assertEquals("rec-" + transport, started.path("AttrExtensions").path("id").asText());
            String fileName = started.path("AttrExtensions").path("file").asText();
            assertTrue(fileName.startsWith("UUID" + CONN + "_1001__15550100_800_"), fileName);
            JsonNode on = desktop.awaitSince(mark, e -> attachedData(e, "On"));
            assertEquals(fileName, on.path("AttrUserData").path("GSIP_REC_FN").asText());
            customerSide.await(e -> attachedData(e, "On"));

            mark = desktop.mark();
            assertEquals("EventACK", desktop.request(privateService("3015", "1001", CONN, Map.of())).path("message").asText());
            desktop.awaitSince(mark, e -> attachedData(e, "Paused"));
            mark = desktop.mark();
            JsonNode resumed = desktop.request(privateService("GSIP_RECORD_RESUME", "1001", CONN, Map.of("params", "campaign=autumn")));
            assertEquals("EventACK", resumed.path("message").asText(), resumed::toString);
            desktop.awaitSince(mark, e -> attachedData(e, "On"));
            mark = desktop.mark();
            assertEquals("EventACK", desktop.request(privateService("GSIP_RECORD_STOP", "1001", CONN, Map.of())).path("message").asText());
            desktop.awaitSince(mark, e -> attachedData(e, "Off"));
            recorder.assertPassed();

            customerSide.await(e -> attachedData(e, "Off"));
            long changes = customerSide.received().stream().filter(e -> "EventAttachedDataChanged".equals(e.path("message").asText())).count();
            assertEquals(4, changes, "one event per change for a client on two DNs of the call: " + customerSide.received());
            unrelated.register("1002", null); // a round trip: anything sent to it before has arrived
            assertFalse(unrelated.received().stream().anyMatch(e -> "EventAttachedDataChanged".equals(e.path("message").asText())),
                    "a client on an unrelated DN sees nothing");

            List<String> states = new ArrayList<>();
            for (ConsumerRecord<String, String> record : TestKafka.poll(indications, 4, Duration.ofSeconds(20))) {
                JsonNode indication = RecordSchemas.assertValid("recording-indication-1", record.value());
                assertEquals(CONN, record.key());
                states.add(indication.path("previousState").asText() + ">" + indication.path("state").asText());
            }
            assertEquals(List.of("Off>On", "On>Paused", "Paused>On", "On>Off"), states);
        }
    }
}
