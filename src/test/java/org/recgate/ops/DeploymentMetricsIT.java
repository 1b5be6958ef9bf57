package org.recgate.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.recgate.testing.RunningGateway;

/**
 * Every metric the dashboard, the alert rules and their promtool tests name is one the real gateway
 * serves on /observe/metrics right after its start, so renaming a metric breaks the build instead of
 * a panel or an alert (docs/operations.md, "Alerts", "Dashboard"). The per-recorder series
 * ({@code recgate_recorder_*}) appear with the first request to a recorder: RecorderMetricsIT
 * checks those after a recording.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DeploymentMetricsIT {

    /** Labelled by the recorder a request went to, so not there before the first one. */
    static final String PER_RECORDER = "recgate_recorder_";

    private static RunningGateway gateway;
    private static Set<String> exported;

    @BeforeAll
    static void startTheGateway() throws Exception {
        gateway = RunningGateway.start();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.managementPort() + "/observe/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        exported = exportedNames(response.body());
    }

    @AfterAll
    static void stopTheGateway() throws Exception {
        gateway.close();
    }

    /** Sample names (histograms' _bucket, _count, _sum included) and the family names of # TYPE lines. */
    private static Set<String> exportedNames(String metrics) {
        Set<String> names = new TreeSet<>();
        for (String line : metrics.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                names.add(line.split(" ")[2]);
            } else if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    private static void assertAllExported(String file, List<String> expressions, int atLeast) {
        Set<String> used = new TreeSet<>();
        expressions.forEach(expression -> used.addAll(OpsFiles.metricNames(expression)));
        assertTrue(used.size() >= atLeast, file + " names only " + used);
        Set<String> missing = new TreeSet<>(used);
        missing.removeIf(name -> name.startsWith(PER_RECORDER));
        missing.removeAll(exported);
        assertTrue(missing.isEmpty(), file + " names metrics the gateway does not export: " + missing
                + " (exported: " + exported.stream().filter(name -> name.startsWith("recgate_")).toList() + ")");
    }

    @Test
    void theDashboardShowsOnlyExportedMetrics() {
        assertAllExported(OpsFiles.DASHBOARD.toString(), OpsFiles.dashboardExpressions(), 20);
    }

    @Test
    void theAlertRulesWatchOnlyExportedMetrics() {
        assertAllExported(OpsFiles.ALERTS.toString(), OpsFiles.alertExpressions(), 10);
    }

    @Test
    void theRuleTestsFeedExportedMetrics() {
        assertAllExported(OpsFiles.ALERT_TESTS.toString(), OpsFiles.ruleTestSeries(), 5);
    }

    @Test
    void aMisspelledMetricIsCaught() {
        // The check itself: a name the gateway does not serve is reported, label values are not names.
        Set<String> names = OpsFiles.metricNames("rate(recgate_tlib_request_total{job=\"recgate\",message=\"recgate_x\"}[5m])");
        assertEquals(Set.of("recgate_tlib_request_total"), names);
        assertTrue(!exported.contains("recgate_tlib_request_total") && exported.contains("recgate_tlib_requests_total"),
                "recgate_tlib_requests_total is the exported name");
    }
}
