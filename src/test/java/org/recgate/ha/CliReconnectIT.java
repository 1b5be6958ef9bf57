package org.recgate.ha;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.recgate.cli.TlibCli;
import org.recgate.testing.FreePorts;
import org.recgate.testing.GatewayProcess;
import org.recgate.testing.TlibTestClient;

/**
 * The CLI knows both servers of a hot-standby pair (issue 16; docs/cli.md, "A hot-standby pair"),
 * over real processes: two gateways with HA on and the test's broker, the CLI in-process
 * ({@link TlibCli#run}) with typed input, {@code --server standby,active} and the default reconnect
 * bound. It skips the refusing standby, registers 1001 on the active; a request typed while the
 * active hangs (SIGSTOP) is in flight when the active is killed (SIGKILL). The CLI reports it lost
 * and does not send it again, reconnects to the new active within the bound (one line on stderr),
 * registers the client and 1001 again (the new active refuses another client 1001 Private), and a
 * request typed after the reconnect, which needs 1001 registered, is acknowledged. The lost request
 * makes the exit status 1. A script on stdin (file mode) goes on after a planned switchover (SIGTERM)
 * and ends with status 0.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CliReconnectIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** CliOptions.RECONNECT_MS, the documented default bound with a server list. */
    private static final long RECONNECT_BOUND_MS = 15_000;

    @Test
    void theCliReconnectsToTheNewActiveAndRegistersAgain() throws Exception {
        try (Pair pair = Pair.start("ha-cli-" + FreePorts.tcp());
             PipedOutputStream typing = new PipedOutputStream()) {
            String active = pair.activeAddress();
            String standby = pair.standbyAddress();
            Cli cli = Cli.start(new PipedInputStream(typing), "--server", standby + "," + active, "--app", "desktop",
                    "--register", "1001");
            await().atMost(Duration.ofSeconds(20)).until(() -> registrationsOf(cli, "1001") == 1);
            assertTrue(cli.err().contains("connected to " + active + " as desktop"), cli.err());

            pair.active().signal("STOP");
            type(typing, "user-event 1001 note=in-flight");
            type(typing, "help"); // its text on stderr: the line before has been sent
            await().atMost(Duration.ofSeconds(10)).until(() -> cli.err().contains("quit"));
            long killed = System.nanoTime();
            pair.active().kill();

            Pattern reconnected = Pattern.compile("connection to " + Pattern.quote(active) + " lost; reconnected to "
                    + Pattern.quote(standby) + " after (\\d+) ms, registering again as desktop with 1001:Share");
            await().atMost(Duration.ofMillis(RECONNECT_BOUND_MS + 10_000)).pollInterval(Duration.ofMillis(100))
                    .until(() -> reconnected.matcher(cli.err()).find());
            long sinceKillMs = (System.nanoTime() - killed) / 1_000_000;
            Matcher line = reconnected.matcher(cli.err());
            assertTrue(line.find());
            assertTrue(Long.parseLong(line.group(1)) <= RECONNECT_BOUND_MS, cli::err);
            assertTrue(cli.err().contains("RequestSendEvent (AttrReferenceID 3) was in flight when the connection to "
                    + active + " was lost: not sent again"), cli::err);
            System.out.println("CliReconnectIT: reconnected " + sinceKillMs + " ms after the SIGKILL (" + line.group() + ")");

            await().atMost(Duration.ofSeconds(10)).until(() -> registrationsOf(cli, "1001") == 2);
            try (TlibTestClient other = pair.standby().connectAs("desktop")) {
                JsonNode refused = other.register("1001", "Private");
                assertEquals("EventError", refused.path("message").asText(), "the CLI holds 1001 on the new active: " + refused);
            }
            // the reference ids the reconnect took depend on how many servers it tried: the next reply is the one after
            long before = cli.lastReferenceId();
            type(typing, "user-event 1001 note=after-reconnect");
            await().atMost(Duration.ofSeconds(10)).until(() -> cli.replyAfter(before) != null);
            assertEquals("EventACK", cli.replyAfter(before).path("message").asText(), cli::out);
            assertEquals(null, cli.reply(3), "the lost request was not sent again");
            type(typing, "quit");
            assertEquals(TlibCli.FAILED, cli.awaitStatus(), "a request was lost: " + cli.err());
        }
    }

    /**
     * A planned switchover (SIGTERM of the active) under a script read from stdin (file mode): the
     * CLI reconnects to the new active, registers 1001 again, the next line's request is acknowledged,
     * and with nothing lost and no EventError the run ends with status 0.
     */
    @Test
    void aScriptGoesOnAfterAPlannedSwitchoverAndSucceeds() throws Exception {
        try (Pair pair = Pair.start("ha-cli-term-" + FreePorts.tcp());
             PipedOutputStream typing = new PipedOutputStream()) {
            String active = pair.activeAddress();
            String standby = pair.standbyAddress();
            Cli cli = Cli.start(new PipedInputStream(typing), "--server", active + "," + standby, "--app", "desktop",
                    "--register", "1001", "--file", "-", "--wait-ms", "0");
            await().atMost(Duration.ofSeconds(20)).until(() -> registrationsOf(cli, "1001") == 1);

            pair.active().signal("TERM");
            await().atMost(Duration.ofMillis(RECONNECT_BOUND_MS)).pollInterval(Duration.ofMillis(100))
                    .until(() -> cli.err().contains("connection to " + active + " lost; reconnected to " + standby + " after "));
            await().atMost(Duration.ofSeconds(10)).until(() -> registrationsOf(cli, "1001") == 2);
            System.out.println("CliReconnectIT: planned switchover: " + cli.err().lines()
                    .filter(line -> line.contains("reconnected to")).findFirst().orElseThrow());
            long before = cli.lastReferenceId();
            type(typing, "user-event 1001 note=after-switchover");
            typing.close(); // the end of the script
            assertEquals(TlibCli.OK, cli.awaitStatus(), cli::err);
            assertEquals("EventACK", cli.replyAfter(before).path("message").asText(), cli::out);
            assertTrue(cli.events().stream().noneMatch(event -> "EventError".equals(event.path("message").asText())), cli::out);
            assertTrue(!cli.err().contains("in flight"), cli::err);
        }
    }

    /** A pair with HA on, the test broker's; its first instance active (it started first), the second standby. */
    private record Pair(GatewayProcess active, GatewayProcess standby, String activeAddress, String standbyAddress)
            implements AutoCloseable {

        static Pair start(String run) throws Exception {
            Map<String, String> a = HotStandbyIT.settings(run, "a", "sip:srs@127.0.0.1:5099");
            Map<String, String> b = HotStandbyIT.settings(run, "b", "sip:srs@127.0.0.1:5099");
            GatewayProcess first = GatewayProcess.start(a, HotStandbyIT.logOf(run, "a"));
            GatewayProcess second = null;
            try {
                second = GatewayProcess.start(b, HotStandbyIT.logOf(run, "b"));
                await().atMost(Duration.ofSeconds(30)).until(() -> "active".equals(HotStandbyIT.role(a))
                        && "standby".equals(HotStandbyIT.role(b)));
                return new Pair(first, second, "127.0.0.1:" + a.get("recgate.tlib.port"),
                        "127.0.0.1:" + b.get("recgate.tlib.port"));
            } catch (Exception | AssertionError e) {
                if (second != null) {
                    second.close();
                }
                first.close();
                throw e;
            }
        }

        @Override
        public void close() {
            standby.close();
            active.close();
        }
    }

    private static int registrationsOf(Cli cli, String dn) throws IOException {
        int count = 0;
        for (JsonNode event : cli.events()) {
            if ("EventRegistered".equals(event.path("message").asText()) && dn.equals(event.path("AttrThisDN").asText())) {
                count++;
            }
        }
        return count;
    }

    private static void type(OutputStream typing, String line) throws IOException {
        typing.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        typing.flush();
    }

    /** TlibCli.run on a thread of its own, its stdout and stderr kept. */
    private static final class Cli {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();
        private CompletableFuture<Integer> running;

        static Cli start(PipedInputStream in, String... args) {
            Cli cli = new Cli();
            PrintStream stdout = new PrintStream(cli.out, true, StandardCharsets.UTF_8);
            PrintStream stderr = new PrintStream(cli.err, true, StandardCharsets.UTF_8);
            cli.running = CompletableFuture.supplyAsync(() -> TlibCli.run(args, in, stdout, stderr));
            return cli;
        }

        int awaitStatus() throws Exception {
            return running.get(30, TimeUnit.SECONDS);
        }

        synchronized String err() {
            return err.toString(StandardCharsets.UTF_8);
        }

        List<JsonNode> events() throws IOException {
            List<JsonNode> events = new ArrayList<>();
            for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    events.add(JSON.readTree(line));
                }
            }
            return events;
        }

        String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        /** The event echoing this AttrReferenceID, or null. */
        /** The highest reference id of the events printed so far. */
        long lastReferenceId() throws IOException {
            return events().stream().mapToLong(event -> event.path("AttrReferenceID").asLong()).max().orElse(0);
        }

        /** The first event answering a request sent after {@code referenceId}, or null. */
        JsonNode replyAfter(long referenceId) throws IOException {
            return events().stream().filter(event -> event.path("AttrReferenceID").asLong() > referenceId)
                    .findFirst().orElse(null);
        }

        JsonNode reply(long referenceId) throws IOException {
            return events().stream().filter(event -> event.path("AttrReferenceID").asLong() == referenceId)
                    .findFirst().orElse(null);
        }
    }
}
