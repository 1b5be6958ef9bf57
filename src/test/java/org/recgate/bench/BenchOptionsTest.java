package org.recgate.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void defaultsAreTheIssuesFullRun() {
        BenchOptions options = BenchOptions.parse(new String[0]);
        assertEquals(500, options.rate());
        assertEquals(Duration.ofSeconds(60), options.duration());
        assertEquals(Duration.ofSeconds(180), options.warmup());
        assertEquals(50_000, options.held());
        assertEquals(Path.of("bench-report"), options.out());
    }

    @Test
    void quickSetsTheSmokeValuesAndLaterOptionsOverrideThem() {
        BenchOptions options = BenchOptions.parse(new String[] {"--quick", "--out", "/tmp/r", "--held", "10", "--warmup", "0"});
        assertTrue(options.quick());
        assertEquals(Path.of("/tmp/r"), options.out());
        assertEquals(10, options.held());
        assertEquals(Duration.ZERO, options.warmup());
        assertEquals(BenchOptions.quick(Path.of("/tmp/r")).duration(), options.duration());
    }

    @Test
    void badValuesAndUnknownOptionsAreRefusedWithTheUsage() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--rate", "0"}))
                .getMessage().contains("--rate must be a positive integer"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--speed", "3"}))
                .getMessage().contains("usage: recgate-bench"));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--held"}));
    }
}
