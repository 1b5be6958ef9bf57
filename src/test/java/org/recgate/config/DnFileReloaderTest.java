package org.recgate.config;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DN file reloaded on edit and on SIGHUP, the previous one kept when the new one is bad. */
class DnFileReloaderTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final List<Boolean> outcomes = new CopyOnWriteArrayList<>();
    private DnFileReloader reloader;

    @AfterEach
    void stop() {
        reloader.stop();
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

    @Test
    void sighupReloadsAtOnce() throws Exception {
        Path file = Files.writeString(dir.resolve("dns.yaml"), "dns:\n  \"1001\": {}\n");
        DnDirectory directory = watch(file, 0); // no checks: only the signal reloads
        Files.writeString(file, "dns:\n  \"2001\": {}\n");
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(ProcessHandle.current().pid())).inheritIO().start();
        assertEquals(0, kill.waitFor());
        await().atMost(WAIT).until(() -> directory.dn("2001").isPresent());
        assertEquals(List.of(true), outcomes);
    }
}
