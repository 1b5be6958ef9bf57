package org.recgate.config;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.recgate.testing.TlibTestClient.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgate.testing.RunningGateway;
import org.recgate.testing.TlibTestClient;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

/** A running gateway takes an edited DN file, and keeps the previous one when the edit is bad. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DnFileReloadIT {

    private static final String GOOD = """
            applications:
              desktop: {roles: [desktop]}
            dns:
              "1001": {}
            """;

    private static String registerClient(RunningGateway gateway, String application) throws Exception {
        try (TlibTestClient client = TlibTestClient.connect("127.0.0.1", gateway.tlibPort())) {
            return client.request(message("RequestRegisterClient").put("AttrApplicationName", application))
                    .path("message").asText();
        }
    }

    private static String metrics(RunningGateway gateway) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.managementPort() + "/observe/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    @Test
    void aBadEditKeepsThePreviousFileAndAGoodOneIsApplied(@TempDir Path dir) throws Exception {
        Path dnFile = Files.writeString(dir.resolve("dns.yaml"), GOOD);
        try (RunningGateway gateway = RunningGateway.start(Map.of("recgate.dn-file", dnFile.toString(),
                "recgate.dn-file.check-ms", "100"))) {
            assertEquals("EventServerInfo", registerClient(gateway, "desktop"));
            assertEquals("EventError", registerClient(gateway, "wallboard"));

            Files.writeString(dnFile, GOOD.replace("desktop: {roles: [desktop]}", "desktop: {roles: [desktop]}\n  wallboard: {roles: [boss]}"));
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    metrics(gateway).contains("recgate_dn_file_reloads_total{outcome=\"rejected\"} 1.0"));
            assertEquals("EventServerInfo", registerClient(gateway, "desktop"), "the previous file is still in force");
            assertEquals("EventError", registerClient(gateway, "wallboard"));

            Files.writeString(dnFile, GOOD.replace("desktop: {roles: [desktop]}", "wallboard: {roles: [supervisor]}"));
            await().atMost(Duration.ofSeconds(10)).until(() -> "EventServerInfo".equals(registerClient(gateway, "wallboard")));
            JsonNode refused;
            try (TlibTestClient client = TlibTestClient.connect("127.0.0.1", gateway.tlibPort())) {
                refused = client.request(message("RequestRegisterClient").put("AttrApplicationName", "desktop"));
            }
            assertEquals(2002, refused.path("AttrErrorCode").asInt(), "gone with the new file: " + refused);
        }
    }

    @Test
    void anEditWithAKeyGivenTwiceIsRefused(@TempDir Path dir) throws Exception {
        Path dnFile = Files.writeString(dir.resolve("dns.yaml"), GOOD);
        try (RunningGateway gateway = RunningGateway.start(Map.of("recgate.dn-file", dnFile.toString(),
                "recgate.dn-file.check-ms", "100"))) {
            // a second "1001" entry, and a new application that must not arrive with it
            Files.writeString(dnFile, GOOD.replace("desktop: {roles: [desktop]}", "desktop: {roles: [desktop]}\n  wallboard: {roles: [supervisor]}")
                    + "  \"1001\": {record: true}\n");
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    metrics(gateway).contains("recgate_dn_file_reloads_total{outcome=\"rejected\"} 1.0"));
            assertEquals("EventError", registerClient(gateway, "wallboard"), "the previous file is still in force");
            assertEquals("EventServerInfo", registerClient(gateway, "desktop"));
        }
    }
}
