package org.recgate.testing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The gateway as operators run it: its own JVM ({@code java -jar target/recgate.jar}), so a test can
 * kill it for real ({@link #kill()} is SIGKILL: no shutdown hook, no BYE, nothing flushed) and start
 * it again with the same settings. Its output goes to a log file the test can read.
 */
public final class GatewayProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target/recgate.jar").toAbsolutePath();
    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    private final Map<String, String> settings;
    private final Path log;
    private final int tlibPort;
    private Process process;

    private GatewayProcess(Map<String, String> settings, Path log) {
        this.settings = Map.copyOf(settings);
        this.log = log;
        this.tlibPort = Integer.parseInt(settings.get("recgate.tlib.port"));
    }

    /** Starts the gateway with these {@code -D} settings (which must name recgate.tlib.port) and waits until it is ready. */
    public static GatewayProcess start(Map<String, String> settings, Path log) throws Exception {
        GatewayProcess gateway = new GatewayProcess(settings, log);
        gateway.startAgain();
        return gateway;
    }

    /** Starts a new process with the same settings (after {@link #kill()} or {@link #stop()}), appending to the log. */
    public void startAgain() throws Exception {
        // env execs java (same pid, so kill -9 hits the gateway), SIGHUP at its default as without nohup
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=HUP", JAVA, "-Xmx512m"));
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", JAR.toString()));
        long before = Files.exists(log) ? Files.readString(log).split("RecGate ready", -1).length : 1;
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() ->
                !process.isAlive() || Files.readString(log).split("RecGate ready", -1).length > before);
        assertTrue(process.isAlive(), () -> "the gateway ended before it was ready:\n" + log());
    }

    /** SIGKILL, as a crash: exit code 137, nothing runs in the process any more. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the killed gateway did not end");
    }

    /** SIGTERM, as an operator or a service manager stops it; waits for the exit. */
    public void stop() throws InterruptedException {
        process.destroy();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), () -> "no stop within 60 s after SIGTERM:\n" + log());
    }

    /** Sends a signal by name ({@code STOP}: a hang, as a long GC pause or a frozen VM; {@code CONT}: it goes on). */
    public void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + name + " failed");
    }

    public TlibTestClient connectAs(String application) throws IOException {
        TlibTestClient client = TlibTestClient.connect("127.0.0.1", tlibPort);
        client.registerClient(application, null);
        return client;
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(log not readable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroyForcibly();
        }
    }
}
