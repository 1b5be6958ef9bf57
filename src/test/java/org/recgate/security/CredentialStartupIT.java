package org.recgate.security;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.recgate.RecGateMain;
import org.recgate.config.PasswordHash;
import org.recgate.testing.FreePorts;
import org.recgate.testing.TestKafka;
import org.recgate.testing.TlibTestClient;

/**
 * The gateway as an operator starts it (a child JVM, {@code org.recgate.RecGateMain}): an
 * application without a hashed password stops the start when the T-Library listener is on a
 * non-loopback address (exit 1, naming file, line and application), and is accepted on loopback
 * with a WARN line naming it; {@code hash-password} prints a stored form the gateway accepts.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CredentialStartupIT {

    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    private static Path dnFile(Path dir) throws IOException {
        return Files.writeString(dir.resolve("dns.yaml"), """
                applications:
                  open: {roles: [desktop]}
                  plain: {password: pw, roles: [switch]}
                  hashed: {password: "%s", roles: [vendor]}
                """.formatted(PasswordHash.hash("s3cret".toCharArray())));
    }

    private static Process gateway(Path dir, Path dnFile, String tlibHost, int tlibPort, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(JAVA, "-cp", System.getProperty("java.class.path"),
                "-Drecgate.dn-file=" + dnFile,
                "-Drecgate.tlib.host=" + tlibHost,
                "-Drecgate.tlib.port=" + tlibPort,
                "-Dcamel.management.port=" + FreePorts.tcp(),
                "-Drecgate.api.port=" + FreePorts.tcp(),
                "-Drecgate.sip.port=" + FreePorts.free("udp"),
                "-Drecgate.demo-recorder.port=" + FreePorts.free("udp"),
                "-Drecgate.kafka.brokers=" + TestKafka.bootstrapServers(),
                "-Drecgate.data-dir=" + dir.resolve("data"),
                RecGateMain.class.getName()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @Test
    void weakSecretsStopTheStartOnANonLoopbackListener(@TempDir Path dir) throws Exception {
        Path dnFile = dnFile(dir);
        Path log = dir.resolve("gateway.log");
        Process gateway = gateway(dir, dnFile, "0.0.0.0", FreePorts.tcp(), log);
        try {
            assertTrue(gateway.waitFor(90, TimeUnit.SECONDS), "the gateway should stop by itself");
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(1, gateway.exitValue(), output);
            assertTrue(output.contains(dnFile + " line 2, at applications.open: application 'open' has no password"), output);
            assertTrue(output.contains(dnFile + " line 3, at applications.plain: application 'plain' has a plain-text password"), output);
            assertFalse(output.contains("'hashed'"), "a hashed password is fine: " + output);
            assertTrue(output.contains("0.0.0.0"), "names the address: " + output);
        } finally {
            gateway.destroyForcibly().waitFor();
        }
    }

    @Test
    void weakSecretsAreAcceptedWithAWarningOnLoopback(@TempDir Path dir) throws Exception {
        Path dnFile = dnFile(dir);
        Path log = dir.resolve("gateway.log");
        int port = FreePorts.tcp();
        Process gateway = gateway(dir, dnFile, "127.0.0.1", port, log);
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!gateway.isAlive()) {
                    throw new AssertionError("the gateway stopped: " + Files.readString(log));
                }
                return accepts(port);
            });
            try (TlibTestClient client = TlibTestClient.connect("127.0.0.1", port)) {
                client.registerClient("open", null);
            }
            try (TlibTestClient client = TlibTestClient.connect("127.0.0.1", port)) {
                client.registerClient("hashed", "s3cret");
            }
            List<String> warnings = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.contains("WARN") && line.contains("accepted only because")).toList();
            assertEquals(2, warnings.size(), "one WARN line per weak application: " + warnings);
            assertTrue(warnings.get(0).contains(dnFile + " line 2: application 'open' has no password"), warnings::toString);
            assertTrue(warnings.get(1).contains(dnFile + " line 3: application 'plain' has a plain-text password"), warnings::toString);
        } finally {
            gateway.destroy();
            gateway.waitFor(30, TimeUnit.SECONDS);
            gateway.destroyForcibly();
        }
    }

    private static boolean accepts(int port) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void hashPasswordPrintsTheStoredForm(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.txt");
        Process hash = new ProcessBuilder(JAVA, "-cp", System.getProperty("java.class.path"), RecGateMain.class.getName(),
                "hash-password").redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        hash.getOutputStream().write("s3cret\n".getBytes(StandardCharsets.UTF_8));
        hash.getOutputStream().close();
        assertTrue(hash.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, hash.exitValue());
        String stored = Files.readString(out, StandardCharsets.UTF_8).trim();
        assertTrue(stored.matches("\\{pbkdf2-sha256}210000\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"), stored);
        assertTrue(PasswordHash.parse(stored).matches("s3cret"));
        assertFalse(PasswordHash.parse(stored).matches("s3cret\n"));
    }
}
