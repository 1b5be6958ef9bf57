package org.recgate.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recgate.testing.Recordings.establish;
import static org.recgate.testing.Recordings.privateService;
import static org.recgate.testing.TlibTestClient.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.recgate.kafka.RecordSchemas;
import org.recgate.sip.SippRecorder;
import org.recgate.sip.takeover.TcpRelay;
import org.recgate.testing.FreePorts;
import org.recgate.testing.GatewayProcess;
import org.recgate.testing.RunningGateway;
import org.recgate.testing.TestKafka;
import org.recgate.testing.TlibTestClient;

/**
 * Issue 15's crash test, over real processes (docs/durable-state.md §12): a recording started and
 * paused, the gateway killed with SIGKILL, started again with the same settings. The call and its
 * Paused recording are known again before the T-Library listener opens; the recorder (sipp) gets a
 * target-refresh re-INVITE in the original dialog, still inactive; RESUME and STOP are
 * acknowledged and reach the recorder in that dialog; the indications on Kafka are On, Paused, On,
 * Off, each eventId once, no On between the crash and the RESUME. Over TCP a {@link TcpRelay} plays
 * the proxy in front of the recorder, whose connection outlives the killed gateway's. The same for
 * an MSML media server (its dialog and record taken over, docs/durable-state.md §7).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class GatewayCrashIT {

    private static final String CONN = "00000000000000c1";
    /** sipp's own bound (its default is 30 s): a test here starts the gateway process twice. */
    private static final String[] SIPP_TIMEOUT = {"-timeout", "120s"};

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void aPausedRecordingSurvivesKill9(String transport) throws Exception {
        String run = "crash-" + transport + "-" + FreePorts.tcp();
        try (SippRecorder recorder = SippRecorder.start("srs_crash.xml", transport, SIPP_TIMEOUT);
             TcpRelay proxy = "tcp".equals(transport) ? new TcpRelay("127.0.0.1", recorder.port()) : null;
             KafkaConsumer<String, String> indications = TestKafka.consumer(TestKafka.bootstrapServers(), run + ".indications");
             GatewayProcess gateway = GatewayProcess.start(settings(run, proxy == null ? recorder.uri()
                     : "sip:srs@127.0.0.1:" + proxy.port() + ";transport=tcp", transport), logOf(run))) {
            startRecording(gateway, "crash-1", true);

            JsonNode call = crashThenResumeAndStop(gateway);
            assertEquals("Paused", call.path("AttrExtensions").path("recordings").path("crash-1").path("state").asText(),
                    call::toString);
            recorder.assertPassed();

            List<String> states = new ArrayList<>();
            Set<String> eventIds = new HashSet<>();
            for (ConsumerRecord<String, String> record : TestKafka.poll(indications, 4, Duration.ofSeconds(30))) {
                JsonNode indication = RecordSchemas.assertValid("recording-indication-1", record.value());
                assertTrue(eventIds.add(indication.path("eventId").asText()), () -> "an eventId twice: " + record.value());
                states.add(indication.path("previousState").asText() + ">" + indication.path("state").asText());
            }
            assertEquals(List.of("Off>On", "On>Paused", "Paused>On", "On>Off"), states, gateway::log);
            assertTrue(gateway.log().contains("1 calls with 1 recordings restored"), gateway::log);
        }
    }

    /** The same over MSML (RFC 5707): the media server's dialog taken over, the record resumed and ended in it. */
    @org.junit.jupiter.api.Test
    void aPausedMsmlRecordingSurvivesKill9() throws Exception {
        String run = "crash-msml-" + FreePorts.tcp();
        Map<String, String> settings = new HashMap<>();
        try (SippRecorder mediaServer = SippRecorder.start("msml_crash.xml", "udp", SIPP_TIMEOUT);
             KafkaConsumer<String, String> indications = TestKafka.consumer(TestKafka.bootstrapServers(), run + ".indications")) {
            settings.putAll(settings(run, mediaServer.uri(), "udp"));
            settings.put("recgate.recorder.dialect", "msml");
            try (GatewayProcess gateway = GatewayProcess.start(settings, logOf(run))) {
                startRecording(gateway, "crash-msml-1", true);

                crashThenResumeAndStop(gateway);
                mediaServer.assertPassed();
                List<String> states = new ArrayList<>();
                for (ConsumerRecord<String, String> record : TestKafka.poll(indications, 4, Duration.ofSeconds(30))) {
                    JsonNode indication = RecordSchemas.assertValid("recording-indication-1", record.value());
                    states.add(indication.path("previousState").asText() + ">" + indication.path("state").asText());
                }
                assertEquals(List.of("Off>On", "On>Paused", "Paused>On", "On>Off"), states, gateway::log);
            }
        }
    }

    /** A recorder that lost the dialog (it answers the takeover 481): a new session, same id, still Paused, cause restored. */
    @org.junit.jupiter.api.Test
    void aRecorderThatLostTheDialogGetsANewSession() throws Exception {
        String run = "gone-" + FreePorts.tcp();
        try (SippRecorder recorder = SippRecorder.start("restore_gone.xml", "udp", 2, SIPP_TIMEOUT);
             KafkaConsumer<String, String> indications = TestKafka.consumer(TestKafka.bootstrapServers(), run + ".indications");
             GatewayProcess gateway = GatewayProcess.start(settings(run, recorder.uri(), "udp"), logOf(run))) {
            startRecording(gateway, "gone-1", true);

            gateway.kill();
            gateway.startAgain();

            try (TlibTestClient desktop = gateway.connectAs("desktop")) {
                desktop.register("1001", null);
                assertAck(desktop.request(privateService("GSIP_RECORD_STOP", "1001", CONN, Map.of())));
            }
            recorder.assertPassed();
            List<String> states = new ArrayList<>();
            for (ConsumerRecord<String, String> record : TestKafka.poll(indications, 4, Duration.ofSeconds(30))) {
                JsonNode indication = RecordSchemas.assertValid("recording-indication-1", record.value());
                assertEquals("gone-1", indication.path("recordingId").asText());
                states.add(indication.path("previousState").asText() + ">" + indication.path("state").asText()
                        + ":" + indication.path("cause").asText());
            }
            assertEquals(List.of("Off>On:request", "On>Paused:request", "Paused>Paused:restored", "Paused>Off:request"),
                    states, gateway::log);
        }
    }

    /** SIGTERM, the default (recgate.shutdown.end-recordings=false): no BYE; after the restart the recording is controllable. */
    @org.junit.jupiter.api.Test
    void aRecordingSurvivesARestart() throws Exception {
        String run = "restart-" + FreePorts.tcp();
        try (SippRecorder recorder = SippRecorder.start("srs_restart.xml", "udp", SIPP_TIMEOUT);
             GatewayProcess gateway = GatewayProcess.start(settings(run, recorder.uri(), "udp"), logOf(run))) {
            startRecording(gateway, "restart-1", false);

            gateway.stop();
            assertEquals(0, recorder.received("BYE"), "SIGTERM leaves the recording running at the recorder");
            gateway.startAgain();

            try (TlibTestClient desktop = gateway.connectAs("desktop")) {
                desktop.register("1001", null);
                JsonNode call = desktop.request(message("RequestQueryCall").put("AttrConnectionID", CONN));
                assertEquals("On", call.path("AttrExtensions").path("recordings").path("restart-1").path("state").asText(),
                        call::toString);
                assertAck(desktop.request(privateService("GSIP_RECORD_STOP", "1001", CONN, Map.of())));
            }
            recorder.assertPassed();
        }
    }

    /** SIGTERM with recgate.shutdown.end-recordings=true: BYE, and the Off indication (cause shutdown) on Kafka before exit. */
    @org.junit.jupiter.api.Test
    void endRecordingsAtShutdownHangsUpAndSaysSo() throws Exception {
        String run = "shutdown-" + FreePorts.tcp();
        Map<String, String> settings = new HashMap<>();
        try (SippRecorder recorder = SippRecorder.start("srs_answer.xml", "udp", SIPP_TIMEOUT)) {
            settings.putAll(settings(run, recorder.uri(), "udp"));
            settings.put("recgate.shutdown.end-recordings", "true");
            try (KafkaConsumer<String, String> indications = TestKafka.consumer(TestKafka.bootstrapServers(), run + ".indications");
                 GatewayProcess gateway = GatewayProcess.start(settings, logOf(run))) {
                startRecording(gateway, "bye-1", false);
                gateway.stop();
                recorder.assertPassed(); // its BYE came
                List<String> states = new ArrayList<>();
                for (ConsumerRecord<String, String> record : TestKafka.poll(indications, 2, Duration.ofSeconds(30))) {
                    JsonNode indication = RecordSchemas.assertValid("recording-indication-1", record.value());
                    states.add(indication.path("state").asText() + ":" + indication.path("cause").asText());
                }
                assertEquals(List.of("On:request", "Off:shutdown"), states, gateway::log);
            }
        }
    }

    /**
     * kill -9 and a start with the same settings; then a desktop on 1001 finds the call Paused and its
     * RESUME and STOP are acknowledged. Returns the RequestQueryCall answer, taken before the RESUME.
     */
    private static JsonNode crashThenResumeAndStop(GatewayProcess gateway) throws Exception {
        gateway.kill();
        gateway.startAgain();
        try (TlibTestClient desktop = gateway.connectAs("desktop")) {
            desktop.register("1001", null);
            JsonNode call = desktop.request(message("RequestQueryCall").put("AttrConnectionID", CONN));
            assertEquals("Paused", call.path("AttrUserData").path("GSIP_RECORD").asText(), call::toString);
            assertAck(desktop.request(privateService("GSIP_RECORD_RESUME", "1001", CONN, Map.of())));
            assertAck(desktop.request(privateService("GSIP_RECORD_STOP", "1001", CONN, Map.of())));
            return call;
        }
    }

    /** The switch feeds the call, a desktop on 1001 starts recording {@code id} (and pauses it). */
    private static void startRecording(GatewayProcess gateway, String id, boolean pause) throws Exception {
        try (TlibTestClient feed = gateway.connectAs("switch");
             TlibTestClient desktop = gateway.connectAs("desktop")) {
            desktop.register("1001", null);
            establish(feed, CONN, "1001", "5000");
            assertAck(desktop.request(privateService("GSIP_RECORD_START", "1001", CONN, Map.of("id", id))));
            if (pause) {
                assertAck(desktop.request(privateService("GSIP_RECORD_PAUSE", "1001", CONN, Map.of())));
            }
        }
    }

    private static Map<String, String> settings(String run, String recorderUri, String transport) throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put("recgate.tlib.host", "127.0.0.1");
        settings.put("recgate.tlib.port", Integer.toString(FreePorts.tcp()));
        settings.put("camel.management.port", Integer.toString(FreePorts.tcp()));
        settings.put("recgate.api.enabled", "false");
        settings.put("recgate.dn-file", Path.of(RunningGateway.TEST_DN_FILE).toAbsolutePath().toString());
        settings.put("recgate.data-dir", Path.of("target", run).toAbsolutePath().toString());
        settings.put("recgate.kafka.brokers", TestKafka.bootstrapServers());
        settings.put("recgate.kafka.group-id", run);
        for (String topic : List.of("indications", "user-events", "audit", "call-events", "state")) {
            settings.put("recgate.kafka.topic." + topic, run + "." + topic);
        }
        settings.put("recgate.recorder.uri", recorderUri);
        settings.put("recgate.recorder.keepalive-ms", "0");
        settings.put("recgate.recorder.allowed-hosts", "127.0.0.1");
        // the same SIP address after the restart: the recorder answers there (RFC 3261 §18.2.2)
        settings.put("recgate.sip.port", Integer.toString(FreePorts.free(transport)));
        settings.put("recgate.sip.transport", transport);
        settings.put("recgate.recorder.timeout-ms", "3000");
        return settings;
    }

    /** The gateway's log where the build keeps it (target/RUN/gateway.log), for a failure to be read after the test. */
    private static Path logOf(String run) throws java.io.IOException {
        return java.nio.file.Files.createDirectories(Path.of("target", run)).resolve("gateway.log");
    }

    private static void assertAck(JsonNode answer) {
        assertEquals("EventACK", answer.path("message").asText(), answer::toString);
    }
}
