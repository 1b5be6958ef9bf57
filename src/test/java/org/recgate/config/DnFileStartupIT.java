package org.recgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.recgate.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgate.RecGateMain;
import org.recgate.testing.RunningGateway;
import org.junit.jupiter.api.Timeout;

/** The gateway as an operator starts it: a malformed DN file stops it at once, saying where and why. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DnFileStartupIT {

    @Test
    void aMalformedDnFileFailsTheStartWithFileLineAndReason(@TempDir Path dir) throws Exception {
        Path dnFile = Files.writeString(dir.resolve("dns.yaml"), """
                applications:
                  desktop: {roles: [desktop]}
                dns:
                  "1001": {type: Extension}
                  "1002": {type: Telephone}
                """);
        String log = failedStart(dir, dnFile);
        assertTrue(log.contains(dnFile + " line 5"), "names the file and the line: " + log);
        assertTrue(log.contains("Telephone"), "names the bad value: " + log);
    }

    @Test
    void aDnGivenTwiceStopsTheStartInOneLine(@TempDir Path dir) throws Exception {
        Path dnFile = Files.writeString(dir.resolve("dns.yaml"), """
                dns:
                  "2002": {type: ACDPosition, record: true}
                  "2002": {type: ACDPosition}
                """);
        String log = failedStart(dir, dnFile);
        assertTrue(log.contains("RecGate could not start: " + dnFile + " line 3, at dns: duplicate key '2002' (first at line 2)"),
                log);
        assertTrue(!log.contains("\tat org."), "no stack trace: " + log);
    }

    /** Starts the gateway as a process of its own with {@code dnFile}; returns its output once it stopped, with status 1. */
    private static String failedStart(Path dir, Path dnFile) throws Exception {
        Path output = dir.resolve("gateway.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process gateway = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Drecgate.dn-file=" + dnFile,
                "-Drecgate.tlib.port=" + FreePorts.tcp(),
                "-Dcamel.management.port=" + FreePorts.tcp(),
                "-Drecgate.api.port=" + FreePorts.tcp(),
                "-Drecgate.kafka.brokers=127.0.0.1:" + FreePorts.tcp(),
                "-Drecgate.data-dir=" + dir.resolve("data"),
                RecGateMain.class.getName()))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            assertTrue(gateway.waitFor(60, TimeUnit.SECONDS), "the gateway should stop by itself");
            String log = Files.readString(output, StandardCharsets.UTF_8);
            assertEquals(1, gateway.exitValue(), log);
            return log;
        } finally {
            gateway.destroyForcibly();
        }
    }
}
