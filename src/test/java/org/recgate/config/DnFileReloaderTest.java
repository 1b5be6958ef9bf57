package org.recgate.config;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DN file reloaded on edit and on SIGHUP, the previous one kept when the new one is bad. */
class DnFileReloaderTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** A JVM of its own and a Camel context start in a second idle, in many on a loaded CI machine. */
    private static final Duration PROBE_WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final List<Boolean> outcomes = new CopyOnWriteArrayList<>();
    private DnFileReloader reloader;

    @AfterEach
    void stop() {
        if (reloader != null) {
            reloader.stop();
        }
        camel.stop();
    }

    private DnDirectory watch(Path file, long checkMs) {
        DnDirectory directory = new DnDirectory(DnFile.load(file));
        camel.start();
        reloader = new DnFileReloader(camel, file, directory, checkMs, next -> { }, outcomes::add);
        reloader.start();
        return directory;
    }

    /** Writes the file the way editors do: a new file renamed over the old one. */
    private void save(Path file, String content) throws Exception {
        Path next = Files.writeString(dir.resolve("next.yaml"), content);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void anEditIsAppliedAndABadOneKeepsThePreviousFile() throws Exception {
        Path file = Files.writeString(dir.resolve("dns.yaml"), "dns:\n  \"1001\": {}\n");
        DnDirectory directory = watch(file, 50);
        save(file, "dns:\n  \"1001\": {record: true}\n  \"1002\": {}\n");
        await().atMost(WAIT).until(() -> directory.dn("1002").isPresent());
        assertTrue(directory.dn("1001").orElseThrow().record());

        save(file, "dns:\n  \"1001\": {record: maybe}\n  \"1003\": {}\n");
        await().atMost(WAIT).until(() -> outcomes.contains(false));
        assertTrue(directory.dn("1002").isPresent(), "the previous file stays in force");
        assertTrue(directory.dn("1003").isEmpty());

        save(file, "dns:\n  \"1003\": {}\n");
        await().atMost(WAIT).until(() -> directory.dn("1003").isPresent());
        assertTrue(directory.dn("1002").isEmpty(), "the new file replaces the old one whole");
        assertEquals(List.of(true, false, true), outcomes);
    }

    /**
     * SIGHUP goes to a process started for the test ({@link HangupProbe}): what a process does with
     * SIGHUP is inherited, and a build run under nohup would leave this JVM with it ignored.
     */
    @Test
    void sighupReloadsAtOnce() throws Exception {
        Path file = Files.writeString(dir.resolve("dns.yaml"), "dns:\n  \"1001\": {}\n");
        try (Probe probe = Probe.start(file, "--default-signal=HUP")) {
            assertEquals("listening true", probe.nextLine());
            Files.writeString(file, "dns:\n  \"2001\": {}\n");
            probe.hangUp();
            assertEquals("reloaded true [2001]", probe.nextLine());
        }
    }

    /** Started with SIGHUP ignored (as nohup does), the reloader says so instead of promising a reload it cannot do. */
    @Test
    void anIgnoredSighupIsReported() throws Exception {
        Path file = Files.writeString(dir.resolve("dns.yaml"), "dns:\n  \"1001\": {}\n");
        try (Probe probe = Probe.start(file, "--ignore-signal=HUP")) {
            assertEquals("listening false", probe.nextLine());
            assertTrue(probe.log().contains("SIGHUP does not reload it: this process was started with SIGHUP ignored"),
                    probe.log());
        }
    }

    /** A {@link HangupProbe} process with SIGHUP set by {@code env}; its output (its lines and its log) read as it comes. */
    private record Probe(Process process, BufferedReader out, List<String> seen) implements AutoCloseable {

        static Probe start(Path file, String disposition) throws IOException {
            String java = ProcessHandle.current().info().command().orElse("java");
            Process process = new ProcessBuilder("env", disposition, java, "-cp", System.getProperty("java.class.path"),
                    HangupProbe.class.getName(), file.toString())
                    .redirectErrorStream(true).start();
            return new Probe(process, process.inputReader(), new CopyOnWriteArrayList<>());
        }

        /** The probe's next line (log lines skipped), waited for at most {@link #PROBE_WAIT}. */
        String nextLine() throws Exception {
            CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String next = out.readLine(); next != null; next = out.readLine()) {
                        seen.add(next);
                        if (next.startsWith(HangupProbe.PREFIX)) {
                            return next.substring(HangupProbe.PREFIX.length());
                        }
                    }
                    return "(ended: " + seen + ")";
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return line.get(PROBE_WAIT.toSeconds(), TimeUnit.SECONDS);
        }

        void hangUp() throws Exception {
            Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).inheritIO().start();
            assertEquals(0, kill.waitFor());
        }

        /** Its output so far. */
        String log() {
            return String.join("\n", seen);
        }

        @Override
        public void close() throws Exception {
            process.getOutputStream().close();
            if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
