package org.recgate.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.recgate.testing.RunningGateway;

/**
 * The gateway's own metrics on /observe/metrics pass {@code promtool check metrics}, the Prometheus
 * project's lint (names, units, HELP, counters' _total). Only the {@code recgate_*} families are
 * given to it: Camel's and Micrometer's JVM binders export a few it complains of ({@code app_info}
 * and {@code camel_routes_*} without HELP and with camelCase labels, {@code process_cpu_time_ns_total},
 * {@code system_cpu_count}), which are not ours to rename; the second check keeps that list to theirs.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class MetricsLintIT {

    static final String OURS = "recgate_";

    @Test
    void theExportedMetricsPassPromtool() throws Exception {
        String metrics;
        try (RunningGateway gateway = RunningGateway.start()) {
            metrics = RecorderMetricsIT.metrics(gateway);
        }
        String ours = ours(metrics);
        assertTrue(ours.contains("# HELP recgate_tlib_requests_total "), "the gateway's own metrics are there: " + ours);
        assertEquals("", promtool(ours), "promtool check metrics on the recgate_* families");

        List<String> ourProblems = promtool(metrics).lines().filter(line -> line.startsWith(OURS)).toList();
        assertEquals(List.of(), ourProblems, "on the whole page too, no problem names a metric of ours");
    }

    /** Lint problems promtool reports, one a line; empty when it exits 0 with nothing to say. */
    static String promtool(String metrics) throws Exception {
        Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream input = promtool.getOutputStream()) {
            input.write(metrics.getBytes(StandardCharsets.UTF_8));
        }
        String report = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(promtool.waitFor(30, TimeUnit.SECONDS), "promtool did not finish");
        if (report.isBlank()) {
            assertEquals(0, promtool.exitValue(), "promtool failed without saying why");
        } else {
            assertTrue(promtool.exitValue() != 0, () -> "promtool reported problems but exited 0: " + report);
        }
        return report.strip();
    }

    /** The HELP, TYPE and sample lines of the recgate_* families. */
    static String ours(String metrics) {
        return metrics.lines().filter(line -> line.startsWith(OURS) || line.startsWith("# HELP " + OURS)
                || line.startsWith("# TYPE " + OURS)).collect(Collectors.joining("\n", "", "\n"));
    }
}
