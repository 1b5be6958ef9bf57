package org.recgate.ops;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recgate.testing.Recordings.attachedData;
import static org.recgate.testing.Recordings.establish;
import static org.recgate.testing.Recordings.privateService;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.recgate.sip.SippRecorder;
import org.recgate.testing.FreePorts;
import org.recgate.testing.RunningGateway;
import org.recgate.testing.TlibTestClient;

/**
 * A recording on a real SIPREC recorder (sipp with examples/sipp/siprec-recorder.xml) shows in the recorder response histogram by method
 * and recorder (docs/operations.md, "Metrics"), and the dashboard and alert rules name only the
 * per-recorder series that are then exported (DeploymentMetricsIT cannot: they appear with the
 * first request to a recorder).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RecorderMetricsIT {

    private static final String CONN = "00000000000000b7";

    @Test
    void aRecordingIsTimedByMethodAndRecorder() throws Exception {
        // As README.md, "Record to a real SIPREC peer", sets it up: its scenario, recgate.recorder.uri set
        // (and no keepalives: sipp plays one call here, and each OPTIONS would be one).
        try (SippRecorder recorder = SippRecorder.start(SippRecorder.EXAMPLE, "udp");
             RunningGateway gateway = RunningGateway.start(Map.of("recgate.recorder.uri", recorder.uri(),
                     "recgate.recorder.keepalive-ms", "0",
                     "recgate.sip.port", Integer.toString(FreePorts.free("udp"))));
             TlibTestClient feed = gateway.connectAs("switch");
             TlibTestClient desktop = gateway.connectAs("desktop")) {
            desktop.register("1001", null);
            establish(feed, CONN, "1001", "5000");
            int mark = desktop.mark();
            assertEquals("EventACK", desktop.request(privateService("GSIP_RECORD_START", "1001", CONN, Map.of()))
                    .path("message").asText());
            desktop.awaitSince(mark, e -> attachedData(e, "On"));
            mark = desktop.mark();
            assertEquals("EventACK", desktop.request(privateService("GSIP_RECORD_STOP", "1001", CONN, Map.of()))
                    .path("message").asText());
            desktop.awaitSince(mark, e -> attachedData(e, "Off"));
            recorder.assertPassed();

            String label = "recorder=\"127.0.0.1:" + URI.create(recorder.uri().replace("sip:", "sip://")).getPort() + "\"";
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                String metrics = metrics(gateway);
                assertTrue(count(metrics, "INVITE", label) >= 1, () -> "no INVITE timed for " + label + ":\n"
                        + grep(metrics, "recgate_recorder_"));
                assertTrue(count(metrics, "BYE", label) >= 1, () -> grep(metrics, "recgate_recorder_"));
                assertTrue(metrics.contains("# HELP recgate_recorder_response_seconds "), "with its HELP text");
                assertTrue(metrics.contains("recgate_recorder_response_seconds_bucket{"), "a histogram, not a summary");
                assertTrue(metrics.contains("recgate_recorder_up{" + label + "} 1.0"), () -> grep(metrics, "recgate_recorder_up"));
                assertTrue(metrics.contains("# HELP recgate_recorder_keepalive_seconds "), "the keepalive histogram");
            });

            String page = metrics(gateway);
            assertEquals("", MetricsLintIT.promtool(MetricsLintIT.ours(page)), "promtool check metrics, per-recorder series included");
            Set<String> exported = names(page);
            Set<String> used = new TreeSet<>();
            List.of(OpsFiles.dashboardExpressions(), OpsFiles.alertExpressions()).forEach(expressions ->
                    expressions.forEach(expression -> used.addAll(OpsFiles.metricNames(expression))));
            used.removeIf(name -> !name.startsWith("recgate_recorder_response_seconds"));
            assertTrue(!used.isEmpty(), "the dashboard and the alerts watch the recorder response time");
            used.removeAll(exported);
            assertTrue(used.isEmpty(), "named but not exported: " + used);
        }
    }

    private static double count(String metrics, String method, String recorderLabel) {
        Matcher line = Pattern.compile("(?m)^recgate_recorder_response_seconds_count\\{([^}]*)} (\\S+)$").matcher(metrics);
        double total = 0;
        while (line.find()) {
            if (line.group(1).contains("method=\"" + method + "\"") && line.group(1).contains(recorderLabel)) {
                total += Double.parseDouble(line.group(2));
            }
        }
        return total;
    }

    private static String grep(String metrics, String prefix) {
        return String.join("\n", metrics.lines().filter(line -> line.contains(prefix)).toList());
    }

    private static Set<String> names(String metrics) {
        Set<String> names = new TreeSet<>();
        metrics.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .forEach(line -> names.add(line.split("[{ ]", 2)[0]));
        return names;
    }

    static String metrics(RunningGateway gateway) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.managementPort() + "/observe/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }
}
