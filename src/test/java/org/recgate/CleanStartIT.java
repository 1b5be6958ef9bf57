package org.recgate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.recgate.testing.FreePorts;

/**
 * A clean start of the packaged jar, as an operator runs it ({@code java -jar target/recgate.jar}
 * in a fresh folder, embedded Kafka broker, demo recorder) with a DN file whose application has a
 * hashed password, logs no WARN or ERROR line from start to SIGTERM: every WARN line in the log
 * then means something for the operator (docs/operations.md, "Logs"). The sample DN file's WARN
 * lines are deliberate (its passwords are not hashed, docs/security.md), so it is not used here.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CleanStartIT {

    private static final Path JAR = Path.of("target/recgate.jar").toAbsolutePath();
    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");
    /** The output of {@code hash-password} for "s3cret". */
    private static final String HASH = "{pbkdf2-sha256}210000$kpE6lQCz+lpIOoRO36UhSA$BO1uqbtWbEG+JdbaindIHbBw9wyuk5kb1BBKpiVm4jo";
    /** A log line's level, after its time: "15:45:25.396 WARN  [main] ...". */
    private static final Pattern WARN_OR_ERROR = Pattern.compile("^\\S+ +(WARN|ERROR)\\b");

    @TempDir
    Path workDir;

    @Test
    void aCleanStartAndStopLogsNoWarning() throws Exception {
        Files.createDirectories(workDir.resolve("config"));
        Files.writeString(workDir.resolve("config/dns.yaml"), """
                applications:
                  desktop:
                    password: "%s"
                    roles: [desktop]
                dns:
                  "1001": {type: Extension}
                """.formatted(HASH));
        Path log = workDir.resolve("out.log");
        // started as an operator starts it, with SIGHUP at its default even when the build runs under nohup
        // (which would rightly make the gateway warn that SIGHUP cannot reload its DN file)
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=HUP", JAVA,
                "-Drecgate.tlib.port=" + FreePorts.tcp(),
                "-Dcamel.management.port=" + FreePorts.tcp(),
                "-Drecgate.api.port=" + FreePorts.tcp(),
                "-Drecgate.kafka.embedded.port=" + FreePorts.tcp(),
                "-Drecgate.sip.port=" + FreePorts.free("udp"),
                "-Drecgate.demo-recorder.port=" + FreePorts.free("udp"),
                "-jar", JAR.toString()));
        Process gateway = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() ->
                    !gateway.isAlive() || Files.readString(log).contains("RecGate ready"));
            assertTrue(gateway.isAlive(), () -> "the gateway ended before it was ready:\n" + read(log));
            gateway.destroy(); // SIGTERM, as an operator or a service manager stops it
            assertTrue(gateway.waitFor(60, TimeUnit.SECONDS), () -> "no stop within 60 s after SIGTERM:\n" + read(log));
        } finally {
            gateway.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(log);
        assertTrue(lines.stream().anyMatch(line -> line.contains("is shutdown")), () -> "Camel did not shut down:\n" + read(log));
        List<String> warnings = lines.stream().filter(line -> WARN_OR_ERROR.matcher(line).find()).toList();
        assertEquals(List.of(), warnings, "a clean start and stop logs no WARN or ERROR line");
        assertTrue(lines.stream().noneMatch(line -> line.contains("Exception")), () -> "no stack trace:\n" + read(log));
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return "(log not readable: " + e.getMessage() + ")";
        }
    }
}
