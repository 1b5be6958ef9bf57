package org.recgate.sip.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.recgate.testing.FreePorts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.recgate.sip.TestComponents;
import org.recgate.sip.DestinationResult;
import org.recgate.sip.DestinationRole;
import org.recgate.sip.DestinationStatus;
import org.recgate.sip.Dialect;
import org.recgate.sip.Participant;
import org.recgate.sip.RecorderDestination;
import org.recgate.sip.RecorderOperation;
import org.recgate.sip.RecorderRequest;
import org.recgate.sip.RecorderResponse;
import org.recgate.sip.RecordingSessionSpec;
import org.junit.jupiter.api.Timeout;

/**
 * The demo recorder against the gateway's real {@code sip-recorder} component, in one
 * CamelContext the way the gateway wires it ({@code context.addService(demoRecorder, true, true)}):
 * a whole recording over UDP and over TCP, with the JSON file checked after every step. sipp (as
 * a client) sends what the component never does: INVITEs that are not SIPREC, OPTIONS, INFO and
 * a metadata-only UPDATE. Files stay in target/demo-recorder-it/ for a look; sipp's logs go to
 * target/sipp/.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DemoRecorderIT {

    private static final Path OUTPUT = Path.of("target/demo-recorder-it");
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private static CamelContext context;
    private static ProducerTemplate template;
    private static DemoRecorder udpRecorder;
    private static DemoRecorder tcpRecorder;

    @BeforeAll
    static void start() throws Exception {
        deleteRecursively(OUTPUT);
        context = new DefaultCamelContext();
        context.addComponent("sip-recorder", TestComponents.onFreePort("udp"));
        context.addComponent("sip-recorder-tcp", TestComponents.onFreePort("tcp"));
        udpRecorder = new DemoRecorder("127.0.0.1", FreePorts.free("udp"), "udp", OUTPUT.resolve("udp/recordings"));
        tcpRecorder = new DemoRecorder("127.0.0.1", FreePorts.free("tcp"), "tcp", OUTPUT.resolve("tcp/recordings"));
        context.addService(udpRecorder, true, true);
        context.addService(tcpRecorder, true, true);
        context.start();
        template = context.createProducerTemplate();
    }

    @AfterAll
    static void stop() {
        context.stop();
    }

    /** The file describes the recording of the spec as the gateway sent it (the spec's params: campaign spring). */
    private static void assertDescribes(RecordingSessionSpec spec, JsonNode json) {
        assertEquals(spec.recordingId(), json.get("recordingId").asText());
        assertEquals("006e01d2a3b4c5d6", json.get("connectionId").asText());
        assertEquals("00RV9H7S6O8V3BSHAG7GK2LAES00002M", json.get("callUuid").asText());
        assertEquals("7001", json.get("recordedDn").asText());
        assertEquals("destination", json.get("side").asText());
        assertEquals(spec.fileName(), json.get("fileName").asText());
        assertEquals("spring", json.at("/params/campaign").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void startPauseResumeUpdateStop(String transport) throws Exception {
        DemoRecorder recorder = "udp".equals(transport) ? udpRecorder : tcpRecorder;
        String endpoint = ("udp".equals(transport) ? "sip-recorder" : "sip-recorder-tcp") + ":session";
        RecordingSessionSpec spec = spec(Map.of("campaign", "spring"));
        RecorderDestination destination = RecorderDestination.of(recorder.uri(), DestinationRole.PRIMARY, Dialect.SIPREC);
        Path file = recorder.folder().resolve(spec.recordingId() + ".json");

        DestinationResult started = only(send(endpoint, RecorderOperation.START, spec, destination));
        assertEquals(DestinationStatus.ESTABLISHED, started.status(), started::toString);
        assertEquals(200, started.sipStatus());
        assertTrue(started.sdpAnswer().contains("a=label:1\r\na=recvonly"), started.sdpAnswer());
        assertTrue(started.sdpAnswer().contains("a=label:2\r\na=recvonly"), started.sdpAnswer());
        JsonNode json = awaitFile(file, "recording", "started");
        assertDescribes(spec, json);
        assertEquals(List.of("sip:+15551230001@cc.example.com", "sip:7001@cc.example.com"), aors(json));
        assertEquals("Customer", json.at("/participants/0/name").asText());
        assertEquals(recorder.uri(), json.at("/sip/requestUri").asText());
        assertTrue(json.at("/sip/from").asText().startsWith("<sip:recgate@cc.example.com>;tag="), json::toString);
        assertTrue(!json.at("/sip/callId").asText().isEmpty(), json::toString);
        assertTrue(lines(json.at("/sip/sdpOffer")).contains("a=sendonly"), json::toString);
        assertTrue(json.get("metadata").asText().contains("<rg:recordingId>" + spec.recordingId() + "</rg:recordingId>"));
        assertEquals("INVITE", json.at("/events/0/cause").asText());

        DestinationResult paused = only(send(endpoint, RecorderOperation.PAUSE, spec, destination));
        assertEquals(DestinationStatus.ESTABLISHED, paused.status(), paused::toString);
        assertTrue(paused.sdpAnswer().contains("a=label:1\r\na=inactive"), paused.sdpAnswer());
        json = awaitFile(file, "paused", "started", "paused");
        assertTrue(lines(json.at("/sip/sdpOffer")).contains("a=inactive"), json::toString);
        assertEquals("re-INVITE", json.at("/events/1/cause").asText());

        DestinationResult resumed = only(send(endpoint, RecorderOperation.RESUME, spec, destination));
        assertEquals(DestinationStatus.ESTABLISHED, resumed.status(), resumed::toString);
        assertTrue(resumed.sdpAnswer().contains("a=label:1\r\na=recvonly"), resumed.sdpAnswer());
        awaitFile(file, "recording", "started", "paused", "resumed");

        RecordingSessionSpec autumn = new RecordingSessionSpec(spec.recordingId(), spec.connectionId(), spec.callUuid(),
                spec.recordedDn(), spec.side(), spec.participants(), Map.of("campaign", "autumn", "priority", 2),
                spec.fileName(), spec.startTime());
        DestinationResult updated = only(send(endpoint, RecorderOperation.UPDATE, autumn, destination));
        assertEquals(DestinationStatus.ESTABLISHED, updated.status(), updated::toString);
        json = awaitFile(file, "recording", "started", "paused", "resumed", "metadata-updated");
        assertEquals("autumn", json.at("/params/campaign").asText());
        assertEquals("2", json.at("/params/priority").asText());
        assertTrue(json.get("metadata").asText().contains(">autumn</rg:param>"), json::toString);

        DestinationResult stopped = only(send(endpoint, RecorderOperation.STOP, autumn, destination));
        assertEquals(DestinationStatus.ENDED, stopped.status(), stopped::toString);
        assertEquals(200, stopped.sipStatus());
        assertNull(stopped.detail());
        json = awaitFile(file, "stopped", "started", "paused", "resumed", "metadata-updated", "stopped");
        assertEquals("BYE", json.at("/events/4/cause").asText());
        List<Instant> times = new ArrayList<>();
        json.get("events").forEach(event -> times.add(Instant.parse(event.get("time").asText())));
        assertEquals(times.stream().sorted().toList(), times, "event times in order");
    }

    /** MSML (RFC 5707): the dialect from the destination over UDP, from {@code ;dialect=msml} over TCP. */
    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void msmlStartPauseResumeStop(String transport) throws Exception {
        boolean udp = "udp".equals(transport);
        DemoRecorder recorder = udp ? udpRecorder : tcpRecorder;
        String endpoint = (udp ? "sip-recorder" : "sip-recorder-tcp") + ":session";
        RecordingSessionSpec spec = spec(Map.of("campaign", "spring"));
        RecorderDestination destination = udp
                ? RecorderDestination.of(recorder.uri(), DestinationRole.PRIMARY, Dialect.MSML)
                : RecorderDestination.of(recorder.uri() + ";dialect=msml", DestinationRole.PRIMARY, Dialect.SIPREC);
        Path file = recorder.folder().resolve(spec.recordingId() + ".json");

        DestinationResult started = only(send(endpoint, RecorderOperation.START, spec, destination));
        assertEquals(DestinationStatus.ESTABLISHED, started.status(), started::toString);
        assertEquals(Dialect.MSML, started.dialect());
        assertEquals(200, started.sipStatus());
        assertEquals(200, started.resultCode());
        assertTrue(started.sdpAnswer().contains("a=label:1\r\na=recvonly"), started.sdpAnswer());
        JsonNode json = awaitFile(file, "recording", "started");
        assertEquals("msml", json.get("dialect").asText());
        assertDescribes(spec, json);
        String connection = json.get("connection").asText();
        assertTrue(connection.startsWith("conn:"), json::toString);
        assertEquals(connection + "/dialog:rec", json.get("dialog").asText());
        assertEquals(1, json.get("records").size(), json::toString);
        assertEquals("r1", json.at("/records/0/id").asText());
        // The gateway's default msmlRecordDest: file:///recordings/{fileName}{suffix}.wav; the
        // spec's file name already ends in .wav, which is not added twice
        assertEquals("file:///recordings/00RV9H7S6O8V3BSHAG7GK2LAES00002M_7001.wav", json.at("/records/0/dest").asText());
        assertEquals("audio/wav", json.at("/records/0/format").asText());
        assertEquals("7200s", json.at("/records/0/maxtime").asText());
        assertEquals("recording", json.at("/records/0/state").asText());
        String requestUri = json.at("/sip/requestUri").asText();
        assertTrue(requestUri.startsWith("sip:msml=" + spec.recordingId() + "@127.0.0.1:"), requestUri);
        assertTrue(requestUri.contains(";dn=7001;record"), requestUri);
        assertTrue(!requestUri.contains("dialect"), requestUri);
        assertTrue(lines(json.at("/sip/sdpOffer")).contains("a=sendonly"), json::toString);
        assertEquals("INFO dialogstart", json.at("/events/0/cause").asText());
        assertTrue(json.get("msml").asText().contains("<dialogstart target=\"" + connection + "\""), json::toString);

        DestinationResult paused = only(send(endpoint, RecorderOperation.PAUSE, spec, destination));
        assertEquals(DestinationStatus.ESTABLISHED, paused.status(), paused::toString);
        assertEquals(200, paused.resultCode());
        json = awaitFile(file, "paused", "started", "paused");
        assertEquals("paused", json.at("/records/0/state").asText());
        assertEquals("INFO send pause", json.at("/events/1/cause").asText());

        DestinationResult resumed = only(send(endpoint, RecorderOperation.RESUME, spec, destination));
        assertEquals(DestinationStatus.ESTABLISHED, resumed.status(), resumed::toString);
        json = awaitFile(file, "recording", "started", "paused", "resumed");
        assertEquals("recording", json.at("/records/0/state").asText());

        DestinationResult stopped = only(send(endpoint, RecorderOperation.STOP, spec, destination));
        assertEquals(DestinationStatus.ENDED, stopped.status(), stopped::toString);
        assertEquals(200, stopped.sipStatus());
        assertEquals(200, stopped.resultCode());
        json = awaitFile(file, "stopped", "started", "paused", "resumed", "stopped");
        assertEquals("INFO dialogend", json.at("/events/3/cause").asText());
        assertEquals("stopped", json.at("/records/0/state").asText());
        assertTrue(json.get("msml").asText().contains("<dialogend id=\"" + connection + "/dialog:rec\"/>"),
                json::toString);
    }

    @Test
    void refusesInvitesThatAreNotSiprec() throws Exception {
        int filesBefore = jsonFiles(udpRecorder.folder()).size();
        runSipp("demo_refused.xml", udpRecorder);
        assertEquals(filesBefore, jsonFiles(udpRecorder.folder()).size(), "a refused INVITE writes no file");
    }

    @Test
    void answersOptionsInfoAndMetadataUpdates() throws Exception {
        runSipp("demo_in_dialog.xml", udpRecorder);
        JsonNode json = awaitFile(udpRecorder.folder().resolve("rec-sipp-in-dialog.json"), "stopped",
                "started", "metadata-updated", "stopped");
        assertEquals("winter", json.at("/params/campaign").asText());
        assertEquals("UPDATE", json.at("/events/1/cause").asText());
        assertEquals(List.of("sip:7002@cc.example.com"), aors(json));
        assertTrue(lines(json.at("/sip/sdpOffer")).contains("a=rtpmap:8 PCMA/8000"), json::toString);
    }

    @Test
    void stoppingTheRecorderStopsItsLiveSessions() throws Exception {
        Path folder = OUTPUT.resolve("stopping/recordings");
        DemoRecorder recorder = new DemoRecorder("127.0.0.1", FreePorts.free("udp"), "udp", folder);
        recorder.start();
        RecordingSessionSpec spec = spec(Map.of());
        RecorderDestination destination = RecorderDestination.of(recorder.uri(), DestinationRole.PRIMARY, Dialect.SIPREC);
        try {
            DestinationResult started = only(send("sip-recorder:session", RecorderOperation.START, spec, destination));
            assertEquals(DestinationStatus.ESTABLISHED, started.status(), started::toString);
        } finally {
            recorder.stop();
        }
        JsonNode json = awaitFile(folder.resolve(spec.recordingId() + ".json"), "stopped", "started", "stopped");
        assertEquals("demo recorder stopped", json.at("/events/1/cause").asText());
        // The gateway still has the session; its STOP now gets no answer.
        DestinationResult stop = only(send("sip-recorder:session?timeoutMs=300", RecorderOperation.STOP, spec, destination));
        assertEquals(DestinationStatus.ENDED, stop.status(), stop::toString);
    }

    private static RecorderResponse send(String endpoint, RecorderOperation operation, RecordingSessionSpec spec,
                                         RecorderDestination destination) throws Exception {
        Object body = template.asyncRequestBody(endpoint, new RecorderRequest(operation, spec, List.of(destination)))
                .get(30, TimeUnit.SECONDS);
        assertNotNull(body, "no response body");
        return (RecorderResponse) body;
    }

    private static DestinationResult only(RecorderResponse response) {
        assertEquals(1, response.results().size(), response::toString);
        return response.results().get(0);
    }

    private static RecordingSessionSpec spec(Map<String, Object> params) {
        return new RecordingSessionSpec("rec-" + UUID.randomUUID(), "006e01d2a3b4c5d6", "00RV9H7S6O8V3BSHAG7GK2LAES00002M",
                "7001", "destination",
                List.of(new Participant("+15551230001", "Customer", false), new Participant("7001", "Agent", true)),
                params, "00RV9H7S6O8V3BSHAG7GK2LAES00002M_7001.wav", Instant.now());
    }

    /** Waits until the file says {@code state} after exactly {@code events}, and returns it. */
    private static JsonNode awaitFile(Path file, String state, String... events) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
                .until(() -> JSON.readTree(file.toFile()),
                        json -> state.equals(json.get("state").asText()) && List.of(events).equals(eventNames(json)));
    }

    private static List<String> eventNames(JsonNode json) {
        List<String> names = new ArrayList<>();
        json.get("events").forEach(event -> names.add(event.get("event").asText()));
        return names;
    }

    private static List<String> aors(JsonNode json) {
        List<String> aors = new ArrayList<>();
        json.get("participants").forEach(participant -> aors.add(participant.get("aor").asText()));
        return aors;
    }

    private static List<String> lines(JsonNode array) {
        List<String> lines = new ArrayList<>();
        array.forEach(line -> lines.add(line.asText()));
        return lines;
    }

    private static List<Path> jsonFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.toString().endsWith(".json")).toList();
        }
    }

    /** sipp as the client of one call against the recorder; exit code 0 means every check passed. */
    private static void runSipp(String scenario, DemoRecorder recorder) throws Exception {
        Path output = Path.of("target/sipp").resolve(scenario.replace(".xml", ""));
        Files.createDirectories(output);
        String target = recorder.uri().replaceFirst("^sip:[^@]+@", "").replaceFirst(";.*$", "");
        Process sipp = new ProcessBuilder("sipp", target,
                "-sf", Path.of("src/test/resources/sipp", scenario).toAbsolutePath().toString(),
                "-i", "127.0.0.1", "-p", Integer.toString(FreePorts.free("udp")), "-t", "u1",
                "-m", "1", "-timeout", "20s", "-timeout_error", "-nostdin",
                "-trace_err", "-error_file", output.resolve("errors.log").toString(),
                "-trace_msg", "-message_file", output.resolve("messages.log").toString())
                .redirectErrorStream(true).redirectOutput(output.resolve("screen.log").toFile()).start();
        assertTrue(sipp.waitFor(30, TimeUnit.SECONDS), scenario + " did not finish");
        assertEquals(0, sipp.exitValue(), () -> scenario + " failed; see " + output.toAbsolutePath());
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> paths = Files.walk(folder)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
