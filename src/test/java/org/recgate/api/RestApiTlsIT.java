package org.recgate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recgate.testing.Recordings.establish;
import static org.recgate.testing.Recordings.privateService;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.recgate.config.PasswordHash;
import org.recgate.sip.SippRecorder;
import org.recgate.testing.ApiTesting;
import org.recgate.testing.EventStreamClient;
import org.recgate.testing.EventStreamClient.Event;
import org.recgate.testing.RunningGateway;
import org.recgate.testing.TestTls;
import org.recgate.testing.TlibTestClient;

/**
 * The REST API over TLS (docs/security.md, REST API): the real gateway with Camel main's global SSL
 * context on its HTTP server, keyed by this run's {@link TestTls} keys, and java.net.http trusting
 * the test certificate: Basic over https, the event stream over https (an indication arrives), a
 * wrong password 401, plain HTTP on the same port gets no answer, and an API beyond loopback starts
 * with TLS (ApiExposureTest: not without).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RestApiTlsIT {

    static final String CONN = "00000000000000f1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TestTls keys = TestTls.keys();
    private final HttpClient https = HttpClient.newBuilder().sslContext(keys.clientContext(null)).build();

    /** The settings docs/security.md gives for TLS on the REST API, with the test gateway key. */
    private Map<String, String> settings(String recorderUri) throws Exception {
        Map<String, String> settings = ApiTesting.settings(recorderUri, ApiTesting.EVENTS_DN_FILE);
        settings.put("camel.server.use-global-ssl-context-parameters", "true");
        settings.put("camel.ssl.enabled", "true");
        settings.put("camel.ssl.key-store", "file:" + keys.gatewayKeystore());
        settings.put("camel.ssl.key-store-type", "PKCS12");
        settings.put("camel.ssl.keystore-password", keys.password());
        return settings;
    }

    @Test
    void basicAndTheEventStreamOverTls() throws Exception {
        try (SippRecorder recorder = SippRecorder.start("srs_answer.xml", "udp");
             RunningGateway gateway = RunningGateway.start(settings(recorder.uri()));
             EventStreamClient events = EventStreamClient.open(https, base(gateway), "supervisor:s3cret");
             TlibTestClient feed = gateway.connectAs("switch");
             TlibTestClient desktop = gateway.connectAs("desktop")) {
            assertEquals(200, events.response().statusCode());
            desktop.register("1001", null);
            establish(feed, CONN, "1001", "5000");

            HttpResponse<String> calls = get(gateway, "/calls", "supervisor:s3cret");
            assertEquals(200, calls.statusCode(), calls::body);
            assertEquals(CONN, JSON.readTree(calls.body()).path(0).path("connectionId").asText(), calls::body);

            JsonNode ack = desktop.request(privateService("GSIP_RECORD_START", "1001", CONN, Map.of("id", "tls-1")));
            assertEquals("EventACK", ack.path("message").asText(), ack::toString);
            Event on = events.await("recording", d -> "On".equals(d.path("state").asText()), Duration.ofSeconds(1));
            assertEquals(CONN, on.data().path("connectionId").asText(), on.data()::toString);
            assertEquals("tls-1", on.data().path("recordingId").asText(), on.data()::toString);

            HttpResponse<String> wrong = get(gateway, "/calls", "supervisor:wrong");
            assertEquals(401, wrong.statusCode(), wrong::body);
            assertEquals(2002, JSON.readTree(wrong.body()).path("code").asInt(), wrong::body);
            assertTrue(wrong.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));

            assertEquals("EventACK", desktop.request(privateService("GSIP_RECORD_STOP", "1001", CONN, Map.of()))
                    .path("message").asText());
            events.await("recording", d -> "Off".equals(d.path("state").asText()), Duration.ofSeconds(5));
            recorder.assertPassed();
        }
    }

    @Test
    void plainHttpOnTheTlsPortGetsNoAnswer() throws Exception {
        try (RunningGateway gateway = RunningGateway.start(settings("sip:srs@127.0.0.1:5999"))) {
            HttpRequest plain = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.apiPort() + "/api/v1/calls"))
                    .header("Authorization", ApiTesting.basic("supervisor:s3cret")).timeout(Duration.ofSeconds(10)).build();
            assertThrows(IOException.class, () -> HttpClient.newHttpClient().send(plain, HttpResponse.BodyHandlers.ofString()));
            // the same request over TLS is answered, and so is the console; the management port stays plain HTTP
            assertEquals(200, get(gateway, "/calls", "supervisor:s3cret").statusCode());
            HttpResponse<String> console = https.send(HttpRequest.newBuilder(URI.create(base(gateway) + "/console/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, console.statusCode());
            assertTrue(console.body().contains("<html"), console::body);
            assertEquals(200, gateway.http("/observe/health").statusCode());
        }
    }

    /** The case the TLS is for: the API beyond loopback starts with it (every application hashed) and answers over https. */
    @Test
    void anApiOffLoopbackStartsWithTls() throws Exception {
        Map<String, String> settings = settings("sip:srs@127.0.0.1:5999");
        settings.putAll(ApiTesting.settings("sip:srs@127.0.0.1:5999", """
                applications:
                  supervisor:
                    password: "%s"
                    roles: [supervisor]
                dns:
                  "1001": {type: Extension}
                """.formatted(PasswordHash.hash("s3cret".toCharArray()))));
        settings.put("recgate.api.host", "0.0.0.0");
        try (RunningGateway gateway = RunningGateway.start(settings)) {
            HttpResponse<String> calls = get(gateway, "/calls", "supervisor:s3cret");
            assertEquals(200, calls.statusCode(), calls::body);
            assertEquals("[]", calls.body());
            assertEquals(401, get(gateway, "/calls", "supervisor:wrong").statusCode());
        }
    }

    private static String base(RunningGateway gateway) {
        return "https://127.0.0.1:" + gateway.apiPort();
    }

    private HttpResponse<String> get(RunningGateway gateway, String path, String user) throws Exception {
        return https.send(HttpRequest.newBuilder(URI.create(base(gateway) + "/api/v1" + path))
                .header("Authorization", ApiTesting.basic(user)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
