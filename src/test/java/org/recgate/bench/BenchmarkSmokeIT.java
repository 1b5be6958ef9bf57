package org.recgate.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's smoke run ({@code --quick}, a few seconds a phase) against the real gateway,
 * sipp and Kafka, so the harness cannot rot: it must finish with zero errors, every section of
 * the report must have figures, and no sipp process may be left running.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BenchmarkSmokeIT {

    private static final List<String> REQUEST_TYPES = List.of("EventEstablished", "START", "PAUSE", "RESUME", "STOP", "EventReleased");

    @Test
    void quickRunCompletesWithoutErrorsAndReportsEveryFigure(@TempDir Path out) throws Exception {
        Set<Long> childrenBefore = sippChildren();
        JsonNode report = Benchmark.run(BenchOptions.quick(out));

        assertEquals(0, report.at("/errors/total").asLong(), () -> "errors: " + report.path("errors").toPrettyString());
        assertEquals(Set.of(), sippChildren().stream().filter(pid -> !childrenBefore.contains(pid)).collect(Collectors.toSet()),
                "sipp processes left running");
        assertTrue(Files.readString(out.resolve("report.md")).contains("## Recordings held open"));
        JsonNode written = PipelinedClient.JSON.readTree(out.resolve("report.json").toFile());
        assertEquals(report.at("/maxRate/cycles").asLong(), written.at("/maxRate/cycles").asLong());
        assertEquals(report.at("/relay/eventsPerSecond").asDouble(), written.at("/relay/eventsPerSecond").asDouble());

        positive(report, "/baselines/sipp/dialogsPerSecond");
        assertEquals(1_000, report.at("/baselines/sipp/dialogs").asLong());
        positive(report, "/baselines/queryCall/requestsPerSecond");
        positive(report, "/baselines/queryCall/latencyMs/count");
        for (String phase : List.of("/maxRate", "/fixedRate")) {
            positive(report, phase + "/cyclesPerSecond");
            positive(report, phase + "/requestsPerSecond");
            positive(report, phase + "/sipDialogsPerSecond");
            assertEquals(report.at(phase + "/cycles").asLong(), report.at(phase + "/sipDialogs").asLong(),
                    phase + ": one SIP dialog per cycle at the recorder");
            for (String type : REQUEST_TYPES) {
                positive(report, phase + "/ackLatencyMs/" + type + "/count");
                positive(report, phase + "/ackLatencyMs/" + type + "/p99");
            }
            assertEquals(4 * report.at(phase + "/cycles").asLong(), report.at(phase + "/indicationLatencyMs/count").asLong(),
                    phase + ": one indication per state change");
            positive(report, phase + "/cpuCores/gateway");
            positive(report, phase + "/heapMiB/afterGc");
        }
        assertEquals(100.0, report.at("/fixedRate/targetRate").asDouble());
        assertEquals(300, report.at("/held/held").asLong());
        assertTrue(report.at("/held/recorderOpenDialogs").asLong() >= 300, () -> report.path("held").toPrettyString());
        positive(report, "/held/heapHeldMiB");
        assertEquals(300, report.at("/held/restore/recordings").asLong(), "every held recording read back from the state topic");
        assertTrue(report.at("/held/restore/calls").asLong() >= 300, () -> report.path("held").toPrettyString());
        positive(report, "/held/restore/seconds");
        assertEquals(3_000, report.at("/relay/delivered").asLong());
        assertEquals(3_000, report.at("/relay/relayLatencyMs/count").asLong());
        positive(report, "/relay/eventsPerSecond");
        positive(report, "/ratioToSippBaseline");
        assertEquals(5, report.path("targets").size());
    }

    private static void positive(JsonNode report, String pointer) {
        assertTrue(report.at(pointer).asDouble() > 0, () -> pointer + " is " + report.at(pointer) + " in " + report.toPrettyString());
    }

    private static Set<Long> sippChildren() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().orElse("").endsWith("sipp"))
                .map(ProcessHandle::pid).collect(Collectors.toSet());
    }
}
