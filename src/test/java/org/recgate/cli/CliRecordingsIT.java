package org.recgate.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recgate.testing.Recordings.establish;
import static org.recgate.testing.Recordings.privateService;
import static org.recgate.testing.Recordings.recorderSettings;
import static org.recgate.testing.TlibTestClient.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.recgate.sip.SippRecorder;
import org.recgate.testing.FreePorts;
import org.recgate.testing.RunningGateway;
import org.recgate.testing.TestKafka;
import org.recgate.testing.TlibTestClient;

/**
 * {@code recgate-cli recordings} against a real gateway, a real broker and sipp as the recorder
 * (docs/cli.md, "recordings"): a started recording is listed On with its file and recorder, Paused
 * after PAUSE, {@code --state} picks by state, {@code --json} gives the same as objects, a released
 * call (its tombstone) is not listed, and the list is still there once the gateway has stopped.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class CliRecordingsIT {

    private static final String KEPT = "00000000000000d1";
    private static final String RELEASED = "00000000000000d2";
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Result(int status, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    private static Result recordings(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] command = new String[args.length + 1];
        command[0] = "recordings";
        System.arraycopy(args, 0, command, 1, args.length);
        int status = TlibCli.run(command, InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void listsTheLiveRecordingsAndNotAReleasedCall() throws Exception {
        try (SippRecorder recorder = SippRecorder.start("console_start_pause_stop.xml", "udp", 2)) {
            String topic;
            String keptFile;
            try (RunningGateway gateway = RunningGateway.start(recorderSettings(recorder.uri(), "udp"));
                 TlibTestClient feed = gateway.connectAs("switch");
                 TlibTestClient desktop = gateway.connectAs("desktop")) {
                topic = gateway.topic("state");
                String[] state = {"--brokers", TestKafka.bootstrapServers(), "--topic", topic};
                desktop.register("1001", null);
                desktop.register("1002", null);
                establish(feed, KEPT, "1001", "5000");
                establish(feed, RELEASED, "1002", "5000");
                JsonNode started = assertAck(desktop.request(privateService("GSIP_RECORD_START", "1001", KEPT, Map.of("id", "cli-kept"))));
                keptFile = started.path("AttrExtensions").path("file").asText();
                assertAck(desktop.request(privateService("GSIP_RECORD_START", "1002", RELEASED, Map.of("id", "cli-released"))));

                String keptOn = KEPT + " cli-kept dn=1001 side=";
                await().atMost(Duration.ofSeconds(20)).until(() -> lines(state).stream().filter(l -> l.contains(" On ")).count() == 2);
                String line = only(lines(state), KEPT);
                assertTrue(line.startsWith(keptOn) && line.contains(" On file=" + keptFile + " primary="), line);
                assertTrue(line.contains("(established) dest2=- for="), line);
                assertEquals(List.of(), lines(with(state, "--state", "Paused")));

                assertAck(desktop.request(privateService("GSIP_RECORD_PAUSE", "1001", KEPT, Map.of())));
                await().atMost(Duration.ofSeconds(20)).until(() -> only(lines(state), KEPT).contains(" Paused file="));
                assertEquals(List.of(KEPT), connectionIds(lines(with(state, "--state", "paused"))));
                assertEquals(List.of(RELEASED), connectionIds(lines(with(state, "--state", "On"))));

                assertAck(desktop.request(privateService("GSIP_RECORD_PAUSE", "1002", RELEASED, Map.of())));
                assertAck(feed.request(message("EventReleased").put("AttrConnectionID", RELEASED).put("AttrThisDN", "1002")));
                assertAck(feed.request(message("EventReleased").put("AttrConnectionID", RELEASED).put("AttrThisDN", "5000")));
                await().atMost(Duration.ofSeconds(20)).until(() -> connectionIds(lines(state)).equals(List.of(KEPT)));
                await().atMost(Duration.ofSeconds(10)).until(() -> recorder.received("BYE") == 1);
            }

            // the gateway is down (stopped: the default keeps the recording at the recorder, no BYE)
            Result down = recordings("--brokers", TestKafka.bootstrapServers(), "--topic", topic, "--json");
            assertEquals(0, down.status(), down.toString());
            assertEquals(1, down.lines().size(), down.toString());
            JsonNode kept = JSON.readTree(down.lines().get(0));
            assertEquals(KEPT, kept.path("connectionId").asText(), kept::toString);
            assertEquals("cli-kept", kept.path("id").asText());
            assertEquals("1001", kept.path("recordedDn").asText());
            assertEquals("Paused", kept.path("state").asText());
            assertEquals(keptFile, kept.path("fileName").asText());
            assertEquals("established", kept.path("primary").path("status").asText(), kept::toString);
            assertTrue(kept.path("primary").path("uri").asText().contains("127.0.0.1:" + recorder.port()), kept::toString);
            assertTrue(kept.path("dest2").isMissingNode(), kept::toString);
            assertTrue(kept.path("recordingForSeconds").asLong(-1) >= 0, kept::toString);
            assertEquals(1, recorder.received("BYE"), "only the released call's recording was hung up");
        }
    }

    @Test
    void aMissingTopicIsReportedAndNoBrokerEndsWithinTheTimeout() throws Exception {
        String typo = "recgate.stat-" + UUID.randomUUID();
        Result missing = recordings("--brokers", TestKafka.bootstrapServers(), "--topic", typo);
        assertEquals(LiveRecordings.NOT_READ, missing.status(), missing.toString());
        assertTrue(missing.err().contains("no topic '" + typo + "'"), missing.err());

        long start = System.nanoTime();
        Result noBroker = recordings("--brokers", "127.0.0.1:" + FreePorts.tcp(), "--timeout-ms", "2000");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(TlibCli.USAGE_OR_CONNECTION, noBroker.status(), noBroker.toString());
        assertTrue(noBroker.err().contains("no Kafka broker answered"), noBroker.err());
        assertTrue(took.compareTo(Duration.ofSeconds(20)) < 0, "took " + took);

        Result badState = recordings("--state", "Off");
        assertEquals(TlibCli.USAGE_OR_CONNECTION, badState.status(), badState.toString());
        assertTrue(badState.err().contains("--state takes On or Paused, not 'Off'"), badState.err());
    }

    /**
     * bin/recgate-cli as a script would run it: the Kafka client's warnings about a broker that does not
     * answer go to stderr with the CLI's own message, and stdout stays empty for the script to read.
     */
    @Test
    void theLogGoesToStderrAndStdoutKeepsOnlyTheList() throws Exception {
        Process cli = new ProcessBuilder("bin/recgate-cli", "recordings", "--brokers", "127.0.0.1:" + FreePorts.tcp(),
                "--timeout-ms", "3000").redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        java.util.concurrent.CompletableFuture<String> err = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(cli.getErrorStream()));
        String out = read(cli.getInputStream());
        assertTrue(cli.waitFor(30, TimeUnit.SECONDS), "the CLI did not end");
        String errors = err.get(10, TimeUnit.SECONDS);
        assertEquals(TlibCli.USAGE_OR_CONNECTION, cli.exitValue(), errors);
        assertEquals("", out, "stdout carries only the list");
        assertTrue(errors.contains("no Kafka broker answered"), errors);
        assertTrue(errors.contains("WARN") && errors.contains("NetworkClient"), "the client's own warning, on stderr: " + errors);
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The lines of a run that must succeed. */
    private static List<String> lines(String... args) {
        Result result = recordings(args);
        assertEquals(0, result.status(), result.toString());
        return result.lines();
    }

    private static String[] with(String[] args, String... more) {
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    private static String only(List<String> lines, String connectionId) {
        List<String> of = lines.stream().filter(l -> l.startsWith(connectionId + " ")).toList();
        assertEquals(1, of.size(), () -> "one line of " + connectionId + " in " + lines);
        return of.get(0);
    }

    private static List<String> connectionIds(List<String> lines) {
        return lines.stream().map(l -> l.substring(0, l.indexOf(' '))).toList();
    }

    private static JsonNode assertAck(JsonNode answer) {
        assertEquals("EventACK", answer.path("message").asText(), answer::toString);
        return answer;
    }
}
