package org.recgate.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recgate.testing.TlibTestClient.message;

import java.net.URI;
import org.recgate.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgate.config.DnFileException;
import org.recgate.testing.RunningGateway;
import org.recgate.testing.TlibTestClient;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

/** /observe/health, /observe/metrics and a graceful stop, on the running gateway. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class OperationsIT {

    private final HttpClient http = HttpClient.newHttpClient();

    private String get(RunningGateway gateway, String path) throws Exception {
        return get(gateway, path, 200);
    }

    private String get(RunningGateway gateway, String path, int status) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.managementPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(status, response.statusCode(), path + ": " + response.body());
        return response.body();
    }

    private static double metric(String metrics, String series) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
    }

    @Test
    void aBadDnFileStopsTheStartWithFileAndLine(@TempDir Path dir) throws Exception {
        Path dnFile = dir.resolve("dns.yaml");
        Files.writeString(dnFile, "applications:\n  a: {roles: [admin]}\n");
        Exception failure = assertThrows(Exception.class,
                () -> RunningGateway.start(Map.of("recgate.dn-file", dnFile.toString())).close());
        Throwable cause = failure;
        while (!(cause instanceof DnFileException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        assertTrue(message.contains(dnFile + " line 2, at applications.a: unknown role 'admin'"), message);
    }

    @Test
    void aKafkaOutageIsReportedAndClientsAreStillServed() throws Exception {
        String nowhere = "127.0.0.1:" + FreePorts.tcp();
        try (RunningGateway gateway = RunningGateway.start(Map.of("recgate.kafka.brokers", nowhere));
             TlibTestClient client = gateway.connectAs("desktop")) {
            assertEquals("EventRegistered", client.register("1001", null).path("message").asText());
            String health = get(gateway, "/observe/health?exposureLevel=full", 503);
            assertTrue(health.contains("kafka-brokers") && health.contains("DOWN"), health);
            assertEquals("EventUnregistered", client.request(message("RequestUnregisterAddress").put("AttrThisDN", "1001"))
                    .path("message").asText(), "still served");
        }
    }

    @Test
    void healthMetricsAndGracefulStop() throws Exception {
        RunningGateway gateway = RunningGateway.start();
        TlibTestClient client = gateway.connectAs("desktop");
        try (TlibTestClient other = gateway.connectAs("desktop-2")) {
            assertTrue(get(gateway, "/observe/health").contains("\"UP\""));

            client.register("1001", null);
            other.register("1001", "Monitor");
            client.request(message("RequestNoSuchThing"));
            client.sendLine("not json");
            client.await(e -> e.path("AttrErrorCode").asInt() == 53);

            String metrics = get(gateway, "/observe/metrics");
            assertEquals(2.0, metric(metrics, "recgate_tlib_clients"), metrics);
            assertEquals(2.0, metric(metrics, "recgate_tlib_registrations"));
            assertEquals(2.0, metric(metrics, "recgate_tlib_requests_total{message=\"RequestRegisterClient\"}"));
            assertEquals(2.0, metric(metrics, "recgate_tlib_requests_total{message=\"RequestRegisterAddress\"}"));
            assertEquals(1.0, metric(metrics, "recgate_tlib_errors_total{code=\"51\"}"));
            assertEquals(1.0, metric(metrics, "recgate_tlib_errors_total{code=\"53\"}"));
        } finally {
            gateway.close();
        }
        client.awaitClosed(); // stopping the gateway closes its client connections
        client.close();
    }
}
