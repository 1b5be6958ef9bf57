package org.recgate.ha;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recgate.testing.Recordings.establish;
import static org.recgate.testing.Recordings.privateService;
import static org.recgate.testing.TlibTestClient.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.recgate.sip.SippRecorder;
import org.recgate.sip.takeover.TcpRelay;
import org.recgate.testing.FreePorts;
import org.recgate.testing.GatewayProcess;
import org.recgate.testing.RunningGateway;
import org.recgate.testing.TestKafka;
import org.recgate.testing.TlibTestClient;

/**
 * Issue 16's first increment, over real processes (docs/operations.md, "High availability
 * (hot-standby pair)"): two gateways with HA on and one broker (the test's, which outlives both).
 * Exactly one is active; the other refuses T-Library connections and says standby in its health.
 * A recording started and paused on the active, the active killed with SIGKILL: within 15 s the
 * standby is active, the recording is Paused there, RESUME and STOP are acknowledged, and the
 * recorder (sipp, srs_crash.xml) got the target-refresh re-INVITE, the resume and the BYE in the
 * original dialog. Over TCP through a {@link TcpRelay}, the proxy in front of the recorder: sipp
 * answers a UDP request at the address its call began with, not at the request's Via
 * (RFC 3261 §18.2.2), and the new active has a SIP address of its own; over TCP the relay's one
 * connection to sipp outlives the killed active's, as a proxy's would.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class HotStandbyIT {

    private static final String CONN = "00000000000000d1";
    /** recgate.ha.session-timeout-ms at its default. */
    private static final long SESSION_TIMEOUT_MS = 6000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void theStandbyTakesOverAPausedRecordingWhenTheActiveIsKilled() throws Exception {
        String run = "ha-" + FreePorts.tcp();
        try (SippRecorder recorder = SippRecorder.start("srs_crash.xml", "tcp", "-timeout", "120s");
             TcpRelay proxy = new TcpRelay("127.0.0.1", recorder.port())) {
            String recorderUri = "sip:srs@127.0.0.1:" + proxy.port() + ";transport=tcp";
            Map<String, String> a = settings(run, "a", recorderUri);
            Map<String, String> b = settings(run, "b", recorderUri);
            try (GatewayProcess first = GatewayProcess.start(a, logOf(run, "a"));
                 GatewayProcess second = GatewayProcess.start(b, logOf(run, "b"))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> "active".equals(role(a)) || "active".equals(role(b)));
                boolean firstActive = "active".equals(role(a));
                GatewayProcess active = firstActive ? first : second;
                GatewayProcess standby = firstActive ? second : first;
                Map<String, String> standbySettings = firstActive ? b : a;
                assertEquals("standby", role(standbySettings), "exactly one active");
                assertEquals(200, healthStatus(standbySettings), "a standby is healthy");
                assertEquals(0.0, metric(standbySettings, "recgate_ha_active"));
                assertEquals(1.0, metric(firstActive ? a : b, "recgate_ha_active"));
                assertThrows(ConnectException.class, () -> standby.connectAs("desktop").close(),
                        "the standby's T-Library listener is closed");

                startAndPause(active, "ha-1");
                long killed = System.nanoTime();
                active.kill();

                await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                        .until(() -> "active".equals(role(standbySettings)));
                long tookOverMs = (System.nanoTime() - killed) / 1_000_000;
                try (TlibTestClient desktop = standby.connectAs("desktop")) {
                    desktop.register("1001", null);
                    JsonNode call = desktop.request(message("RequestQueryCall").put("AttrConnectionID", CONN));
                    assertEquals("Paused", call.path("AttrExtensions").path("recordings").path("ha-1").path("state").asText(),
                            call::toString);
                    assertAck(desktop.request(privateService("GSIP_RECORD_RESUME", "1001", CONN, Map.of())));
                    assertAck(desktop.request(privateService("GSIP_RECORD_STOP", "1001", CONN, Map.of())));
                }
                recorder.assertPassed(); // the takeover re-INVITE (CSeq jump, inactive), the resume and the BYE, in the dialog
                assertTrue(standby.log().contains("1 recordings taken over in"), standby::log);
                assertEquals(1.0, metric(standbySettings, "recgate_ha_active"));
                System.out.println("HotStandbyIT: active after " + tookOverMs + " ms from the SIGKILL");

                // the former active, started again with its settings, joins as standby: the sticky
                // assignment leaves the leadership where it is
                Map<String, String> formerSettings = firstActive ? a : b;
                active.startAgain();
                await().atMost(Duration.ofSeconds(30)).until(() -> "standby".equals(role(formerSettings)));
                assertEquals("active", role(standbySettings));
                assertThrows(ConnectException.class, () -> active.connectAs("desktop").close());
            }
        }
    }

    /**
     * A planned switchover: SIGTERM of the active during a recording. The recorder (sipp,
     * srs_switchover.xml) sees no BYE from the stopping active, only the standby's target-refresh
     * re-INVITE, then the PAUSE and the STOP of a client that reconnected to it, in the original
     * dialog; the client gets no EventError. The unavailability, from the SIGTERM to the first
     * T-Library connection the new active accepts and registers, is printed; it is below the session
     * timeout, so the stopped active left the group before the coordinator could notice it gone.
     */
    @Test
    void aStoppedActiveHandsOverWithoutEndingTheRecording() throws Exception {
        String run = "ha-term-" + FreePorts.tcp();
        try (SippRecorder recorder = SippRecorder.start("srs_switchover.xml", "tcp", "-timeout", "120s");
             TcpRelay proxy = new TcpRelay("127.0.0.1", recorder.port())) {
            String recorderUri = "sip:srs@127.0.0.1:" + proxy.port() + ";transport=tcp";
            Map<String, String> a = settings(run, "a", recorderUri);
            Map<String, String> b = settings(run, "b", recorderUri);
            try (GatewayProcess first = GatewayProcess.start(a, logOf(run, "a"));
                 GatewayProcess second = GatewayProcess.start(b, logOf(run, "b"))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> "active".equals(role(a)) && "standby".equals(role(b)));
                try (TlibTestClient feed = first.connectAs("switch");
                     TlibTestClient desktop = first.connectAs("desktop")) {
                    desktop.register("1001", null);
                    establish(feed, CONN, "1001", "5000");
                    assertAck(desktop.request(privateService("GSIP_RECORD_START", "1001", CONN, Map.of("id", "ha-t"))));
                }
                long stopped = System.nanoTime();
                first.signal("TERM");
                TlibTestClient[] accepted = new TlibTestClient[1];
                await().atMost(Duration.ofSeconds(15)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                        .until(() -> (accepted[0] = connected(second)) != null);
                long unavailableMs = (System.nanoTime() - stopped) / 1_000_000;
                System.out.println("HotStandbyIT: planned switchover, unavailable for " + unavailableMs
                        + " ms (SIGTERM to the first T-Library connection accepted by the new active)");
                try (TlibTestClient desktop = accepted[0]) {
                    assertEquals("EventRegistered", desktop.register("1001", null).path("message").asText());
                    JsonNode call = desktop.request(message("RequestQueryCall").put("AttrConnectionID", CONN));
                    assertEquals("On", call.path("AttrExtensions").path("recordings").path("ha-t").path("state").asText(),
                            call::toString);
                    assertAck(desktop.request(privateService("GSIP_RECORD_PAUSE", "1001", CONN, Map.of())));
                    assertAck(desktop.request(privateService("GSIP_RECORD_STOP", "1001", CONN, Map.of())));
                }
                recorder.assertPassed(); // no BYE at the SIGTERM: takeover re-INVITE, pause, BYE of the STOP, in the dialog
                first.stop();
                assertTrue(second.log().contains("1 recordings taken over in"), second::log);
                assertEquals("active", role(b));
                // the standby started before the stopped one's session could expire: it left the group,
                // the coordinator did not have to notice it gone (issue 16's goal is 2 s; docs/operations.md
                // gives the figures measured)
                assertTrue(unavailableMs < SESSION_TIMEOUT_MS, "unavailable for " + unavailableMs
                        + " ms, not less than the session timeout:\n" + second.log());
            }
        }
    }

    /** A T-Library connection the instance accepted and registered as the desktop, or null while it refuses. */
    private static TlibTestClient connected(GatewayProcess gateway) {
        try {
            return gateway.connectAs("desktop");
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /**
     * An active that hangs (SIGSTOP) past the session timeout loses the leadership to the standby;
     * when it goes on (SIGCONT) it notices, closes its T-Library listener and reports standby. A
     * standby's REST API answers 503. (That it sends nothing meanwhile, fencing, is not in this increment.)
     */
    @Test
    void aHungActiveLosesTheLeadershipAndStepsDownWhenItGoesOn() throws Exception {
        String run = "ha-hang-" + FreePorts.tcp();
        Map<String, String> a = withApi(settings(run, "a", "sip:srs@127.0.0.1:5099"));
        Map<String, String> b = withApi(settings(run, "b", "sip:srs@127.0.0.1:5099"));
        try (GatewayProcess first = GatewayProcess.start(a, logOf(run, "a"));
             GatewayProcess second = GatewayProcess.start(b, logOf(run, "b"))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> "active".equals(role(a)) && "standby".equals(role(b)));
            assertEquals(200, apiCalls(a).statusCode());
            HttpResponse<String> refused = apiCalls(b);
            assertEquals(503, refused.statusCode(), refused::body);
            assertEquals(58, JSON.readTree(refused.body()).path("code").asInt(), refused::body);

            first.signal("STOP");
            try {
                await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> "active".equals(role(b)));
            } finally {
                first.signal("CONT");
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> "standby".equals(role(a)));
            assertThrows(ConnectException.class, () -> first.connectAs("desktop").close(), "its listener is closed");
            assertEquals(0.0, metric(a, "recgate_ha_active"));
            assertTrue(first.log().contains("HA: instance a lost the leadership"), first::log);
            assertEquals("active", role(b));
            assertEquals(503, apiCalls(a).statusCode(), "the stepped-down instance's API refuses too");
            assertEquals(200, apiCalls(b).statusCode());
            try (TlibTestClient desktop = second.connectAs("desktop")) {
                assertEquals("EventRegistered", desktop.register("1001", null).path("message").asText());
            }
        }
    }

    /**
     * Fencing (docs/operations.md, "High availability", Fencing): an active hung (SIGSTOP) past the
     * session timeout that goes on (SIGCONT) sends nothing after the takeover, though it has work
     * due at once: its recorder keepalive (every 500 ms, so due many times over during the stop) and
     * a T-Library request that came while it was stopped, whose audit record it makes. The recorder
     * (sipp over UDP) counts the OPTIONS by the sender's Via; the test's consumer reads every topic
     * the gateway writes and counts the records by their header {@code RecGateInstance}.
     */
    @Test
    void aFormerActiveThatGoesOnSendsNoSipRequestAndNoKafkaRecordAfterTheTakeover() throws Exception {
        String run = "ha-fence-" + FreePorts.tcp();
        try (SippRecorder recorder = SippRecorder.start("srs_keepalive.xml", "udp", 100_000, "-timeout", "180s")) {
            Map<String, String> a = keepalivesOverUdp(settings(run, "a", recorder.uri()));
            Map<String, String> b = keepalivesOverUdp(settings(run, "b", recorder.uri()));
            try (GatewayProcess first = GatewayProcess.start(a, logOf(run, "a"));
                 GatewayProcess second = GatewayProcess.start(b, logOf(run, "b"));
                 KafkaConsumer<String, String> topics = consumerOfAll(run)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> "active".equals(role(a)) && "standby".equals(role(b)));
                await().atMost(Duration.ofSeconds(10)).until(() -> optionsFrom(recorder, a) >= 3);
                assertEquals(0, optionsFrom(recorder, b), "a standby holds no lease: it sends no keepalive");
                List<ConsumerRecord<String, String>> records = new java.util.ArrayList<>();
                try (TlibTestClient desktop = first.connectAs("desktop")) {
                    desktop.register("1001", null);
                    // the active is idle before it stops: its audit records are on the topic, none in its producer
                    await().atMost(Duration.ofSeconds(15)).until(() -> {
                        records.addAll(TestKafka.poll(topics, Integer.MAX_VALUE, Duration.ofMillis(300)));
                        return records.stream().anyMatch(r -> "a".equals(instanceOf(r)) && r.value().contains("RequestRegisterAddress"));
                    });
                    first.signal("STOP");
                    long optionsBefore;
                    int referenceId;
                    try {
                        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> "active".equals(role(b)));
                        optionsBefore = optionsFrom(recorder, a);
                        // waits in the stopped process's socket; answered (and audited) as soon as it goes on
                        referenceId = desktop.send(message("RequestQueryCall").put("AttrConnectionID", CONN));
                    } finally {
                        first.signal("CONT");
                    }
                    desktop.await(reply -> reply.path("AttrReferenceID").asInt() == referenceId); // it did go on
                    await().atMost(Duration.ofSeconds(20)).until(() -> "standby".equals(role(a)));
                    // nothing more from it while it is a standby either
                    await("no OPTIONS from the former active after the takeover").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                            .until(() -> optionsFrom(recorder, a) == optionsBefore);
                }
                records.addAll(TestKafka.poll(topics, Integer.MAX_VALUE, Duration.ofSeconds(3)));
                List<String> afterStop = records.stream().filter(r -> "a".equals(instanceOf(r)))
                        .filter(r -> r.value().contains("RequestQueryCall")).map(ConsumerRecord::value).toList();
                assertEquals(List.of(), afterStop, "no record of the request it answered after the takeover");
                assertTrue(first.log().contains("Record for " + run + ".audit not sent: this instance does not hold the"
                        + " leadership"), first::log);
                assertTrue(optionsFrom(recorder, b) > 0, "the new active holds the lease: its keepalives go out");
                assertEquals("active", role(b));
            }
        }
    }

    /** Keepalives every 500 ms, SIP over UDP (the recorder tells senders apart by their Via). */
    private static Map<String, String> keepalivesOverUdp(Map<String, String> settings) throws Exception {
        settings.put("recgate.recorder.keepalive-ms", "500");
        settings.put("recgate.sip.transport", "udp");
        settings.put("recgate.sip.port", Integer.toString(FreePorts.free("udp")));
        return settings;
    }

    /** The OPTIONS the recorder got from the instance of {@code settings}, by the Via of its SIP port. */
    private static long optionsFrom(SippRecorder recorder, Map<String, String> settings) throws java.io.IOException {
        return recorder.received("OPTIONS", "SIP/2.0/UDP 127.0.0.1:" + settings.get("recgate.sip.port") + ";");
    }

    /** Every topic the pair writes (audit, user events, indications, state), from the beginning. */
    private static KafkaConsumer<String, String> consumerOfAll(String run) {
        KafkaConsumer<String, String> consumer = TestKafka.consumer(TestKafka.bootstrapServers(), run + ".audit");
        consumer.subscribe(List.of(run + ".audit", run + ".user-events", run + ".indications", run + ".state"));
        return consumer;
    }

    /** The record's header RecGateInstance (docs/kafka.md), or null. */
    private static String instanceOf(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader("RecGateInstance");
        return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Map<String, String> withApi(Map<String, String> settings) throws Exception {
        settings.put("recgate.api.enabled", "true");
        settings.put("recgate.api.port", Integer.toString(FreePorts.tcp()));
        return settings;
    }

    /** GET /api/v1/calls as the DN file's desktop application (no password, on loopback). */
    private static HttpResponse<String> apiCalls(Map<String, String> settings) throws Exception {
        String basic = java.util.Base64.getEncoder().encodeToString("desktop:".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + settings.get("recgate.api.port") + "/api/v1/calls"))
                .header("Authorization", "Basic " + basic).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * With HA on, the instance id is required, and unique in the group: a second process with the id
     * of a running one stops at start (after the session timeout, which a killed one would have passed).
     */
    @Test
    void theInstanceIdIsRequiredAndUnique() throws Exception {
        String run = "ha-id-" + FreePorts.tcp();
        Map<String, String> noId = settings(run, "x", "sip:srs@127.0.0.1:5099");
        noId.remove("recgate.ha.instance-id");
        assertTrue(failedStart(noId, logOf(run, "none")).contains("RecGate could not start: recgate.ha.enabled=true needs"
                + " recgate.ha.instance-id"));
        try (GatewayProcess first = GatewayProcess.start(settings(run, "x", "sip:srs@127.0.0.1:5099"), logOf(run, "x"))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> first.log().contains("HA: instance x is active"));
            String log = failedStart(settings(run, "x", "sip:srs@127.0.0.1:5099"), logOf(run, "x2"));
            assertTrue(log.contains("recgate.ha.instance-id=x is already a member of the HA group " + run + ".ha"), log);
            assertTrue(first.log().contains("HA: instance x is active") && !first.log().contains("lost the leadership"),
                    first::log);
        }
    }

    /** Runs the gateway with these settings, expecting it to stop by itself with status 1; its output. */
    private static String failedStart(Map<String, String> settings, Path log) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", Path.of("target/recgate.jar").toAbsolutePath().toString()));
        Process gateway = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertTrue(gateway.waitFor(90, TimeUnit.SECONDS), "the gateway should stop by itself");
            String output = Files.readString(log);
            assertEquals(1, gateway.exitValue(), output);
            return output;
        } finally {
            gateway.destroyForcibly();
        }
    }

    /** The switch feeds the call, a desktop on 1001 starts recording {@code id} and pauses it. */
    private static void startAndPause(GatewayProcess gateway, String id) throws Exception {
        try (TlibTestClient feed = gateway.connectAs("switch");
             TlibTestClient desktop = gateway.connectAs("desktop")) {
            desktop.register("1001", null);
            establish(feed, CONN, "1001", "5000");
            assertAck(desktop.request(privateService("GSIP_RECORD_START", "1001", CONN, Map.of("id", id))));
            assertAck(desktop.request(privateService("GSIP_RECORD_PAUSE", "1001", CONN, Map.of())));
        }
    }

    /** The role the instance's /observe/health gives (check ha, message "role: ..."), or "down" while it does not answer. */
    static String role(Map<String, String> settings) {
        try {
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + settings.get("camel.management.port") + "/observe/health?exposureLevel=full"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            for (JsonNode check : JSON.readTree(health.body()).path("checks")) {
                if ("ha".equals(check.path("name").asText())) {
                    return check.path("message").asText().replaceFirst("^role: ", "");
                }
            }
            return "none";
        } catch (Exception e) {
            return "down";
        }
    }

    private static int healthStatus(Map<String, String> settings) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + settings.get("camel.management.port")
                + "/observe/health")).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static double metric(Map<String, String> settings, String name) throws Exception {
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + settings.get("camel.management.port") + "/observe/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher value = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*})? (\\S+)$").matcher(metrics);
        assertTrue(value.find(), () -> name + " not in\n" + metrics);
        return Double.parseDouble(value.group(1));
    }

    /** One instance of the pair: the pair's topics and groups, ports of its own. */
    static Map<String, String> settings(String run, String instance, String recorderUri) throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put("recgate.ha.enabled", "true");
        settings.put("recgate.ha.instance-id", instance);
        settings.put("recgate.ha.group", run);
        settings.put("recgate.kafka.topic.ha", run + ".ha");
        settings.put("recgate.tlib.host", "127.0.0.1");
        settings.put("recgate.tlib.port", Integer.toString(FreePorts.tcp()));
        settings.put("camel.management.port", Integer.toString(FreePorts.tcp()));
        settings.put("recgate.api.enabled", "false");
        settings.put("recgate.dn-file", Path.of(RunningGateway.TEST_DN_FILE).toAbsolutePath().toString());
        settings.put("recgate.data-dir", Path.of("target", run, instance).toAbsolutePath().toString());
        settings.put("recgate.kafka.brokers", TestKafka.bootstrapServers());
        settings.put("recgate.kafka.group-id", run);
        for (String topic : List.of("indications", "user-events", "audit", "call-events", "state")) {
            settings.put("recgate.kafka.topic." + topic, run + "." + topic);
        }
        settings.put("recgate.recorder.uri", recorderUri);
        settings.put("recgate.recorder.keepalive-ms", "0");
        settings.put("recgate.recorder.allowed-hosts", "127.0.0.1");
        settings.put("recgate.sip.transport", "tcp");
        settings.put("recgate.sip.port", Integer.toString(FreePorts.free("tcp")));
        settings.put("recgate.recorder.timeout-ms", "3000");
        return settings;
    }

    static Path logOf(String run, String instance) throws java.io.IOException {
        return Files.createDirectories(Path.of("target", run, instance)).resolve("gateway.log");
    }

    private static void assertAck(JsonNode answer) {
        assertEquals("EventACK", answer.path("message").asText(), answer::toString);
    }
}
