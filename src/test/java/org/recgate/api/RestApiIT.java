package org.recgate.api;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recgate.testing.Recordings.attachedData;
import static org.recgate.testing.Recordings.establish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.recgate.sip.SippRecorder;
import org.recgate.testing.ApiTesting;
import org.recgate.testing.RunningGateway;
import org.recgate.testing.TestKafka;
import org.recgate.testing.TlibTestClient;

/**
 * The REST API (docs/api.md) against the real gateway with a real HTTP client, sipp as the SIPREC
 * recorder: list, get, start, pause, resume and stop (sipp checks each SIP request), and each refusal
 * with its HTTP status and T-Library code (502 a recorder's 503, 504 a recorder that never answers,
 * 409 a pause of a paused recording and a DN another client holds Private).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RestApiIT {

    static final String CONN = "00000000000000b1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    /** The API's applications: a desktop, one scoped to DN 1002, a supervisor with a password, the switch. */
    private static Map<String, String> settings(String recorderUri) throws Exception {
        return ApiTesting.settings(recorderUri, """
                applications:
                  desktop:
                    roles: [desktop]
                  scoped:
                    roles: [desktop]
                    dns: ["1002"]
                  supervisor:
                    password: s3cret
                    roles: [supervisor]
                  switch:
                    roles: [switch]
                dns:
                  "1001": {type: Extension}
                  "1002": {type: Extension}
                  "5000": {type: Trunk}
                """);
    }

    @Test
    void listGetStartPauseResumeStop() throws Exception {
        try (SippRecorder recorder = SippRecorder.start("gw_srs_cycle.xml", "udp");
             RunningGateway gateway = RunningGateway.start(settings(recorder.uri()));
             KafkaConsumer<String, String> audit = TestKafka.consumer(TestKafka.bootstrapServers(), gateway.topic("audit"));
             TlibTestClient feed = gateway.connectAs("switch");
             TlibTestClient watcher = gateway.connectAs("desktop")) {
            watcher.register("1001", "Monitor");
            establish(feed, CONN, "1001", "5000");

            JsonNode calls = ok(get(gateway, "/calls", "desktop"));
            assertEquals(CONN, calls.path(0).path("connectionId").asText(), calls::toString);
            assertEquals(0, ok(get(gateway, "/calls?dn=1002", "desktop")).size());

            JsonNode started = ok(post(gateway, "/calls/" + CONN + "/recordings", "desktop", "{\"dn\": \"1001\", \"id\": \"rest-1\"}"));
            assertEquals("rest-1", started.path("id").asText(), started::toString);
            assertTrue(started.path("file").asText().startsWith("UUID" + CONN + "_1001_"), started::toString);
            watcher.await(e -> attachedData(e, "On"));
            JsonNode call = ok(get(gateway, "/calls/" + CONN, "supervisor:s3cret"));
            assertEquals("On", call.path("recordings").path(0).path("state").asText(), call::toString);
            assertEquals(recorder.uri(), call.path("recordings").path(0).path("dest").asText(), call::toString);
            assertEquals("rest-1", ok(get(gateway, "/recordings?state=On", "desktop")).path(0).path("id").asText());

            ok(post(gateway, "/calls/" + CONN + "/recordings/rest-1/pause", "desktop", "{\"dn\": \"1001\"}"));
            watcher.await(e -> attachedData(e, "Paused"));
            assertEquals("rest-1", ok(get(gateway, "/recordings?state=Paused", "desktop")).path(0).path("id").asText());
            HttpResponse<String> again = post(gateway, "/calls/" + CONN + "/recordings/rest-1/pause", "desktop", "{\"dn\": \"1001\"}");
            assertError(again, 409, 43);

            ok(post(gateway, "/calls/" + CONN + "/recordings/resume", "desktop", "{\"dn\": \"1001\", \"params\": \"campaign=autumn\"}"));
            int mark = watcher.mark();
            JsonNode stopped = ok(post(gateway, "/calls/" + CONN + "/recordings/stop", "desktop", ""));
            assertEquals("1001", stopped.path("dn").asText(), stopped::toString);
            watcher.awaitSince(mark, e -> attachedData(e, "Off"));
            assertEquals(0, ok(get(gateway, "/recordings", "desktop")).size());
            recorder.assertPassed();

            // audited like T-Library requests: the application, and each outcome (the second pause refused, 43)
            List<JsonNode> audited = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (ConsumerRecord<String, String> record : audit.poll(Duration.ofMillis(200))) {
                    JsonNode entry = JSON.readTree(record.value());
                    if ("RequestPrivateService".equals(entry.path("message").asText())) {
                        audited.add(entry);
                    }
                }
                return audited.size() >= 5;
            });
            // each request is a session of its own (keyed by its client id): in request order by AttrReferenceID
            audited.sort(java.util.Comparator.comparingLong(e -> e.path("referenceId").asLong()));
            assertEquals(List.of("ack", "ack", "error", "ack", "ack"), audited.stream().map(e -> e.path("outcome").asText()).toList());
            assertEquals(43, audited.get(2).path("errorCode").asInt());
            assertEquals("desktop", audited.get(0).path("client").path("application").asText());
            assertEquals(CONN, audited.get(0).path("connectionId").asText());
        }
    }

    @Test
    void refusals() throws Exception {
        try (SippRecorder recorder = SippRecorder.start("srs_reject_503.xml", "udp");
             RunningGateway gateway = RunningGateway.start(settings(recorder.uri()));
             TlibTestClient feed = gateway.connectAs("switch")) {
            establish(feed, CONN, "1001", "5000");
            String start = "/calls/" + CONN + "/recordings";

            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(api(gateway, "/calls")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertError(anonymous, 401, 2002);
            assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
            assertError(get(gateway, "/calls", "supervisor:wrong"), 401, 2002);
            assertError(post(gateway, start, "switch", "{\"dn\": \"1001\"}"), 403, 2002);
            assertError(post(gateway, start, "scoped", "{\"dn\": \"1001\"}"), 403, 2002);
            assertError(get(gateway, "/calls/" + CONN, "scoped"), 403, 2002);
            assertEquals(0, ok(get(gateway, "/calls", "scoped")).size());
            assertError(get(gateway, "/calls/0000000000000bad", "desktop"), 404, 56);
            assertError(post(gateway, "/calls/0000000000000bad/recordings/stop", "desktop", ""), 404, 56);
            assertError(post(gateway, start, "desktop", "{\"dn\": "), 400, 53);
            assertError(post(gateway, start, "desktop", "{\"dn\": \"1001\", \"colour\": \"red\"}"), 400, 53);
            assertError(post(gateway, start, "desktop", "{}"), 400, 53);
            assertError(post(gateway, start + "/rest-9/stop", "desktop", "{\"dn\": \"1001\"}"), 400, 53);

            HttpResponse<String> rejected = post(gateway, start, "desktop", "{\"dn\": \"1001\", \"id\": \"rest-2\"}");
            assertError(rejected, 502, 2005);
            recorder.assertPassed();
            assertEquals(0, ok(get(gateway, "/recordings", "desktop")).size());

            // a recorder (sipp) that takes the INVITE and never answers: 57 after recgate.recorder.timeout-ms
            try (SippRecorder silent = SippRecorder.start("srs_silent.xml", "udp")) {
                HttpResponse<String> timedOut = post(gateway, start, "desktop", "{\"dn\": \"1001\", \"id\": \"rest-3\","
                        + " \"dest\": \"" + silent.uri() + "\"}");
                assertError(timedOut, 504, 57);
                silent.assertPassed();
            }
            assertEquals(0, ok(get(gateway, "/recordings", "desktop")).size());

            // a DN another client registered Private cannot be used: 409, 2006
            try (TlibTestClient owner = gateway.connectAs("desktop")) {
                owner.register("1001", "Private");
                assertError(post(gateway, start, "desktop", "{\"dn\": \"1001\", \"id\": \"rest-4\"}"), 409, 2006);
            }

            HttpResponse<String> contract = http.send(HttpRequest.newBuilder(api(gateway, "/openapi.json")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, contract.statusCode());
            assertEquals("3.0.3", JSON.readTree(contract.body()).path("openapi").asText());
        }
    }

    /**
     * The contract the gateway serves is api/openapi.json, and every operation in it reaches a route of
     * the running gateway: a route answers (a 404 only as the JSON error of an unknown call), where a
     * path no route serves is a bare 404. The event stream is EventStreamIT's.
     */
    @Test
    void everyDocumentedOperationIsServed() throws Exception {
        try (RunningGateway gateway = RunningGateway.start(settings("sip:srs@127.0.0.1:5999"))) {
            HttpResponse<String> contract = http.send(HttpRequest.newBuilder(api(gateway, "/openapi.json"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode served = JSON.readTree(contract.body());
            assertEquals(JSON.readTree(Path.of("src/main/resources/api/openapi.json").toFile()), served);

            assertFalse(routed(get(gateway, "/nothing-here", "desktop")), "a path without a route must not look routed");
            List<String> operations = new ArrayList<>();
            served.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
                if (!path.getKey().endsWith("/events")) {
                    operations.add(method + " " + path.getKey());
                }
            }));
            assertTrue(operations.size() >= 12, operations::toString);
            for (String operation : operations) {
                String method = operation.substring(0, operation.indexOf(' '));
                String path = operation.substring(operation.indexOf(' ') + "/api/v1".length() + 1)
                        .replace("{connectionId}", "0000000000000bad").replace("{id}", "rest-x").replace("{dn}", "1001");
                HttpResponse<String> answer = "post".equals(method) ? post(gateway, path, "desktop", "{\"dn\": \"1001\"}")
                        : get(gateway, path, "supervisor:s3cret");
                assertTrue(routed(answer), () -> operation + ": " + answer.statusCode() + " " + answer.body());
            }
        }
    }

    /** Whether a route answered: anything but 404 and 405, or the JSON error of an unknown call (404, 56). */
    private static boolean routed(HttpResponse<String> answer) {
        if (answer.statusCode() != 404) {
            return answer.statusCode() != 405;
        }
        try {
            return JSON.readTree(answer.body()).path("code").asInt() == 56;
        } catch (Exception notJson) {
            return false;
        }
    }

    @Test
    void anApiTurnedOffListensNowhere() throws Exception {
        try (RunningGateway gateway = RunningGateway.start(Map.of("recgate.api.enabled", "false"))) {
            assertTrue(org.recgate.testing.FreePorts.isFree(gateway.apiPort(), "tcp"), "nothing listens on recgate.api.port");
            assertTrue(gateway.gate().context().isStarted());
        }
    }

    /** rest-api.camel.yaml is a route file like the others: an edit of a running gateway's copy takes effect. */
    @Test
    void editingTheRouteFileChangesTheApi(@TempDir Path routes) throws Exception {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/routes"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, routes.resolve(file.getFileName()));
            }
        }
        try (RunningGateway gateway = RunningGateway.withRoutesDir(routes)) {
            assertEquals(404, get(gateway, "/live", "desktop").statusCode());
            Path file = routes.resolve("rest-api.camel.yaml");
            Files.writeString(file, Files.readString(file).replace("- path: /recordings\n", "- path: /live\n"));
            await().atMost(Duration.ofSeconds(30)).until(() -> get(gateway, "/live", "desktop").statusCode() == 200);
            assertEquals(0, ok(get(gateway, "/live", "desktop")).size());
            assertEquals(0, ok(get(gateway, "/calls", "desktop")).size());
        }
    }

    private URI api(RunningGateway gateway, String path) {
        return URI.create("http://127.0.0.1:" + gateway.apiPort() + "/api/v1" + path);
    }

    /** {@code user} is {@code name} (no password) or {@code name:password}. */
    private HttpRequest.Builder request(RunningGateway gateway, String path, String user) {
        // a bounded wait: a request that gets no answer fails naming itself, not the class's @Timeout
        return HttpRequest.newBuilder(api(gateway, path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", ApiTesting.basic(user));
    }

    private HttpResponse<String> get(RunningGateway gateway, String path, String user) throws Exception {
        return http.send(request(gateway, path, user).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(RunningGateway gateway, String path, String user, String body) throws Exception {
        return http.send(request(gateway, path, user).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode ok(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response::body);
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        return JSON.readTree(response.body());
    }

    private static void assertError(HttpResponse<String> response, int status, int code) throws Exception {
        assertEquals(status, response.statusCode(), response::body);
        JsonNode error = JSON.readTree(response.body());
        assertEquals(code, error.path("code").asInt(), response::body);
        assertTrue(error.path("message").asText().length() > 10, response::body);
    }
}
