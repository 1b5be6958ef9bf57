package org.recgate.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.recgate.testing.FreePorts;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.recgate.testing.RunningGateway;
import org.junit.jupiter.api.Timeout;

/**
 * The real CLI, run in-process through {@link TlibCli#run}, against the real gateway: what it
 * prints, and its exit status. A wrong password ends with status 2: like a refused connection, the
 * client never had a session in which to carry out a request.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TlibCliIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @RegisterExtension
    static final RunningGateway gateway = RunningGateway.perClass();

    @TempDir
    Path dir;

    @Test
    void fileWithAnUnknownMessagePrintsEveryReplyAndExitsWith1() throws Exception {
        Cli cli = runFile("""
                register 1001
                {"message": "RequestRegisterAddress", "AttrThisDN": "1002"}
                {"message": "RequestNoSuchThing"}
                """);
        assertEquals(TlibCli.FAILED, cli.status, cli.err());
        assertEquals("EventServerInfo", cli.reply(1).path("message").asText());
        assertRegistered(cli.reply(2), "1001");
        assertRegistered(cli.reply(3), "1002");
        assertEquals("EventError", cli.reply(4).path("message").asText());
        assertEquals(51, cli.reply(4).path("AttrErrorCode").asInt());
        assertEquals(4, cli.events().size(), cli.out());
        assertTrue(cli.err().contains("RequestNoSuchThing (AttrReferenceID 4) answered with EventError 51"), cli.err());
    }

    @Test
    void fileOfGoodRequestsExitsWith0() throws Exception {
        Cli cli = runFile("""
                # the supervisor takes over 1001 for a while
                register 1001 Private

                {"message": "RequestRegisterAddress", "AttrReferenceID": 77, "AttrThisDN": "1001"}
                released 00000000000000a1 1001
                unregister 1001
                """, "--app", "supervisor", "--password", "s3cret", "--register", "1002:Monitor");
        assertEquals(TlibCli.OK, cli.status, cli.err());
        assertEquals("EventServerInfo", cli.reply(1).path("message").asText());
        assertEquals("Monitor", cli.reply(2).path("AttrRegisterMode").asText());
        assertEquals("Private", cli.reply(3).path("AttrRegisterMode").asText());
        assertRegistered(cli.reply(77), "1001");
        assertEquals("EventUnregistered", cli.reply(4).path("message").asText());
        assertEquals("", cli.err(), "the call-feed event was not waited for");
    }

    @Test
    void wrongPasswordPrintsEventError2002AndExitsWith2() throws Exception {
        Cli cli = runFile("register 1001\n", "--app", "supervisor", "--password", "wrong");
        assertEquals(TlibCli.USAGE_OR_CONNECTION, cli.status);
        assertEquals(2002, cli.reply(1).path("AttrErrorCode").asInt());
        assertEquals(1, cli.events().size(), "nothing sent after the refusal: " + cli.out());
        assertTrue(cli.err().contains("not registered as supervisor"), cli.err());
    }

    @Test
    void badLineInAFileIsReportedSkippedAndFailsTheRun() throws Exception {
        Cli cli = runFile("regster 1001\nregister 1001\n");
        assertEquals(TlibCli.FAILED, cli.status);
        assertRegistered(cli.reply(2), "1001");
        assertTrue(cli.err().contains("line 1: unknown command 'regster'"), cli.err());
    }

    @Test
    void interactiveSessionSendsLinesAsTheyComeAndEndsOnQuit() throws Exception {
        try (PipedOutputStream typing = new PipedOutputStream()) {
            Cli cli = Cli.start(new PipedInputStream(typing), "--port", port());
            type(typing, "register 1001");
            await().atMost(TIMEOUT).until(() -> cli.out().contains("\"AttrThisDN\":\"1001\""));
            type(typing, "quit");
            assertEquals(TlibCli.OK, cli.awaitStatus());
            assertRegistered(cli.reply(2), "1001");
        }
    }

    @Test
    void connectionLostEndsTheSessionWithStatus1() throws Exception {
        RunningGateway own = RunningGateway.start();
        try (PipedOutputStream typing = new PipedOutputStream()) {
            Cli cli = Cli.start(new PipedInputStream(typing), "--port", Integer.toString(own.tlibPort()));
            await().atMost(TIMEOUT).until(() -> cli.out().contains("EventServerInfo"));
            own.close();
            assertEquals(TlibCli.FAILED, cli.awaitStatus());
            assertTrue(cli.err().contains("lost"), cli.err());
        }
    }

    @Test
    void requestWithoutReplyTimesOutAndTheFileGoesOn() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            CompletableFuture.runAsync(() -> answerRegisterClientOnly(silent));
            Path file = write("query 00000000000000a1\nregister 1001\n");
            Cli cli = Cli.run(InputStream.nullInputStream(), "--port", Integer.toString(silent.getLocalPort()),
                    "--file", file.toString(), "--timeout-ms", "200", "--wait-ms", "0");
            assertEquals(TlibCli.FAILED, cli.status, cli.err());
            assertTrue(cli.err().contains("no reply to RequestQueryCall (AttrReferenceID 2) within 200 ms"), cli.err());
            assertTrue(cli.err().contains("no reply to RequestRegisterAddress (AttrReferenceID 3)"), cli.err());
        }
    }

    @Test
    void usageAndConnectionErrorsExitWith2() throws Exception {
        assertEquals(TlibCli.USAGE_OR_CONNECTION, Cli.run(InputStream.nullInputStream(), "--bogus").status);
        assertEquals(TlibCli.USAGE_OR_CONNECTION, Cli.run(InputStream.nullInputStream(), "--port", "0").status);
        assertEquals(TlibCli.USAGE_OR_CONNECTION, Cli.run(InputStream.nullInputStream(), "--register").status);
        Cli refused = Cli.run(InputStream.nullInputStream(), "--port", Integer.toString(FreePorts.tcp()));
        assertEquals(TlibCli.USAGE_OR_CONNECTION, refused.status);
        assertTrue(refused.err().contains("cannot connect"), refused.err());
        Cli help = Cli.run(InputStream.nullInputStream(), "--help");
        assertEquals(TlibCli.OK, help.status);
        assertTrue(help.err().contains("--register DN[:MODE]") && help.err().contains("party-changed"), help.err());
        assertEquals("", help.out());
    }

    private Cli runFile(String content, String... options) throws Exception {
        Path file = write(content);
        String[] args = Stream.concat(Stream.of("--port", port(), "--file", file.toString(), "--wait-ms", "0"),
                Stream.of(options)).toArray(String[]::new);
        return Cli.run(InputStream.nullInputStream(), args);
    }

    private Path write(String content) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "requests", ".txt"), content);
    }

    private static String port() {
        return Integer.toString(gateway.tlibPort());
    }

    private static void assertRegistered(JsonNode reply, String dn) {
        assertEquals("EventRegistered", reply.path("message").asText(), reply::toString);
        assertEquals(dn, reply.path("AttrThisDN").asText());
    }

    private static void type(OutputStream typing, String line) throws IOException {
        typing.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        typing.flush();
    }

    /** A gateway stand-in that answers RequestRegisterClient, then reads and never answers. */
    private static void answerRegisterClientOnly(ServerSocket server) {
        try (Socket client = server.accept();
             BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
            in.readLine();
            client.getOutputStream().write("{\"message\":\"EventServerInfo\",\"AttrReferenceID\":1}\n".getBytes(StandardCharsets.UTF_8));
            while (in.readLine() != null) {
                // swallow every request
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One run of the CLI on captured streams (TlibCliTlsIT runs it too). */
    static final class Cli {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();
        private CompletableFuture<Integer> running;
        private int status;

        static Cli run(InputStream in, String... args) {
            Cli cli = new Cli();
            cli.status = TlibCli.run(args, in, cli.stream(cli.out), cli.stream(cli.err));
            return cli;
        }

        /** Runs the CLI on a thread of its own, for a session driven while it runs. */
        static Cli start(InputStream in, String... args) {
            Cli cli = new Cli();
            cli.running = CompletableFuture.supplyAsync(() -> TlibCli.run(args, in, cli.stream(cli.out), cli.stream(cli.err)));
            return cli;
        }

        int status() {
            return status;
        }

        int awaitStatus() throws Exception {
            status = running.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return status;
        }

        private PrintStream stream(ByteArrayOutputStream bytes) {
            return new PrintStream(bytes, true, StandardCharsets.UTF_8);
        }

        String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        String err() {
            return err.toString(StandardCharsets.UTF_8);
        }

        List<JsonNode> events() throws IOException {
            List<JsonNode> events = new ArrayList<>();
            for (String line : out().split("\n")) {
                if (!line.isBlank()) {
                    events.add(JSON.readTree(line));
                }
            }
            return events;
        }

        /** The event echoing this ReferenceID. */
        JsonNode reply(long referenceId) throws IOException {
            return events().stream()
                    .filter(event -> event.path("AttrReferenceID").asLong() == referenceId)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no reply to AttrReferenceID " + referenceId + " in:\n" + out()));
        }
    }
}
