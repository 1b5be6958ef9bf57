package org.recgate.sip;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.recgate.testing.FreePorts;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * sipp (Debian package sip-tester) playing a SIPREC recorder for one call: a scenario from
 * src/test/resources/sipp, or the README's {@link #EXAMPLE}, on a free port of 127.0.0.1. A failed
 * {@code ereg check_it} or an unexpected message fails the call, and sipp then exits non-zero; {@link #assertPassed()} waits
 * for the exit and shows sipp's error and message logs (kept under target/sipp/).
 */
public final class SippRecorder implements AutoCloseable {

    private static final Path SCENARIOS = Path.of("src/test/resources/sipp");
    /** The recorder scenario README.md, "Record to a real SIPREC peer", tells operators to run. */
    public static final String EXAMPLE = "examples/sipp/siprec-recorder.xml";
    private static final Path OUTPUT = Path.of("target/sipp");
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final String scenario;
    private final String transport;
    private final int port;
    private final Path output;
    private final Process process;

    private SippRecorder(String scenario, String transport, int port, Path output, Process process) {
        this.scenario = scenario;
        this.transport = transport;
        this.port = port;
        this.output = output;
        this.process = process;
    }

    /**
     * Starts sipp and returns once it listens. {@code extraArguments}: e.g. {@code -d 2000} for
     * {@code <pause/>}, or {@code -timeout 120s} for a test that needs sipp longer than the default
     * 30 s (sipp takes the last {@code -timeout} given; either way it then exits with an error).
     */
    public static SippRecorder start(String scenario, String transport, String... extraArguments) throws IOException {
        return start(scenario, transport, 1, extraArguments);
    }

    /**
     * Starts sipp for {@code calls} calls (sipp's {@code -m}): a UAS scenario runs once per new
     * Call-ID, e.g. once per out-of-dialog MESSAGE.
     */
    public static SippRecorder start(String scenario, String transport, int calls, String... extraArguments) throws IOException {
        return startOn(FreePorts.free(transport), scenario, transport, calls, extraArguments);
    }

    /** Starts sipp on a given port: a recorder that comes back where a killed one was. */
    public static SippRecorder startOn(int port, String scenario, String transport, int calls, String... extraArguments)
            throws IOException {
        Path file = scenario.startsWith("examples/") ? Path.of(scenario) : SCENARIOS.resolve(scenario);
        String name = file.getFileName().toString().replace(".xml", "") + "-" + transport + "-" + port;
        Path output = OUTPUT.resolve(name);
        for (int again = 2; Files.exists(output); again++) {
            output = OUTPUT.resolve(name + "-" + again); // a sipp started again on the port keeps its own logs
        }
        Files.createDirectories(output);
        List<String> command = new ArrayList<>(List.of("sipp",
                "-sf", file.toAbsolutePath().toString(),
                "-i", "127.0.0.1", "-p", Integer.toString(port), "-t", "tcp".equals(transport) ? "t1" : "u1",
                "-m", Integer.toString(calls), "-timeout", "30s", "-timeout_error", "-nostdin",
                "-trace_err", "-error_file", output.resolve("errors.log").toString(),
                "-trace_logs", "-log_file", output.resolve("log.log").toString(),
                "-trace_msg", "-message_file", output.resolve("messages.log").toString()));
        command.addAll(List.of(extraArguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.resolve("screen.log").toFile()).start();
        SippRecorder recorder = new SippRecorder(scenario, transport, port, output, process);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> !process.isAlive() || !FreePorts.isFree(port, transport));
        assertTrue(process.isAlive(), () -> "sipp did not start: " + recorder.logs());
        return recorder;
    }

    /** The recorder's SIP URI. */
    public String uri() {
        return "sip:srs@127.0.0.1:" + port;
    }

    /** A SIP URI of sipp with {@code user} as user part. */
    public String uri(String user) {
        return "sip:" + user + "@127.0.0.1:" + port;
    }

    /** The port sipp listens on. */
    public int port() {
        return port;
    }

    /** How many requests of {@code method} sipp has received so far (its message log). */
    public long received(String method) throws IOException {
        Path file = output.resolve("messages.log");
        return Files.exists(file) ? Files.readAllLines(file).stream().filter(line -> line.startsWith(method + " sip:")).count() : 0;
    }

    /**
     * How many requests of {@code method} sipp has received so far whose message contains
     * {@code text} (e.g. the sender's Via {@code SIP/2.0/UDP 127.0.0.1:5070;}): requests per sender.
     */
    public long received(String method, String text) throws IOException {
        Path file = output.resolve("messages.log");
        if (!Files.exists(file)) {
            return 0;
        }
        // sipp starts every message it logs with a line of dashes and the time
        return Pattern.compile("(?m)^-{20,}").splitAsStream(Files.readString(file))
                .filter(message -> Pattern.compile("(?m)^" + Pattern.quote(method) + " sip:").matcher(message).find())
                .filter(message -> message.contains(text)).count();
    }

    /** Whether sipp has received a {@code status} answer to a {@code method} it sent (its message log). */
    public boolean receivedAnswer(int status, String method) throws IOException {
        Path file = output.resolve("messages.log");
        String log = Files.exists(file) ? Files.readString(file) : "";
        return Pattern.compile("message received \\[\\d+\\] bytes :\\s+SIP/2\\.0 " + status
                + " [^\\n]*\\n(?:[^\\n]+\\n)*?CSeq: *\\d+ " + method + "\\s").matcher(log).find();
    }

    /** What sipp received and sent so far, as its message log has it. */
    public String messages() throws IOException {
        Path file = output.resolve("messages.log");
        return Files.exists(file) ? Files.readString(file) : "";
    }

    /** Kills sipp at once (SIGKILL): a recorder that dies without a word. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
    }

    /** The lines the scenario's {@code <log>} actions wrote, in order (after {@link #assertPassed()}). */
    public List<String> logLines() throws IOException {
        Path file = output.resolve("log.log");
        return Files.exists(file) ? Files.readAllLines(file).stream().filter(line -> !line.isBlank()).toList() : List.of();
    }

    /** Waits for sipp to finish its call and asserts exit code 0 (every check passed). */
    public void assertPassed() throws Exception {
        assertTrue(process.waitFor(45, TimeUnit.SECONDS), () -> scenario + " did not finish: " + logs());
        assertEquals(0, process.exitValue(), () -> scenario + " over " + transport + " failed: " + logs());
    }

    private String logs() {
        StringBuilder logs = new StringBuilder();
        for (String name : List.of("errors.log", "screen.log")) {
            Path file = output.resolve(name);
            try {
                if (Files.exists(file)) {
                    String text = Files.readString(file);
                    logs.append("\n--- ").append(file).append('\n').append(text, Math.max(0, text.length() - 4000), text.length());
                }
            } catch (IOException e) {
                logs.append("\n(cannot read ").append(file).append(": ").append(e).append(')');
            }
        }
        return logs.toString();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

}
