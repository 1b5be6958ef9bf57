package org.recgate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recgate.testing.Recordings.establish;
import static org.recgate.testing.Recordings.privateService;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.recgate.sip.SippRecorder;
import org.recgate.testing.ApiTesting;
import org.recgate.testing.EventStreamClient;
import org.recgate.testing.EventStreamClient.Event;
import org.recgate.testing.RunningGateway;
import org.recgate.testing.TlibTestClient;

/**
 * {@code GET /api/v1/events} (docs/api.md, Events) against the real gateway with a real streaming
 * HTTP client: a START's indication within a second, the call and screen-capture events, only what
 * the application's DN scope allows, the keep-alive comment, and the refusals (401, 403).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class EventStreamIT {

    static final String CONN = "00000000000000e1";
    static final String CONN_2 = "00000000000000e2";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    private static Map<String, String> settings(String recorderUri) throws Exception {
        Map<String, String> settings = ApiTesting.settings(recorderUri, ApiTesting.EVENTS_DN_FILE);
        settings.put("recgate.api.events.keepalive-ms", "300");
        return settings;
    }

    @Test
    void indicationsCallsAndScreenCaptureAsTheyHappen() throws Exception {
        try (SippRecorder recorder = SippRecorder.start("srs_answer.xml", "udp");
             RunningGateway gateway = RunningGateway.start(settings(recorder.uri()));
             EventStreamClient supervisor = EventStreamClient.open(http, gateway.apiPort(), "supervisor:s3cret");
             EventStreamClient scoped = EventStreamClient.open(http, gateway.apiPort(), "scoped");
             TlibTestClient feed = gateway.connectAs("switch");
             TlibTestClient desktop = gateway.connectAs("desktop");
             TlibTestClient vendor = gateway.connectAs("vendor")) {
            assertEquals(200, supervisor.response().statusCode());
            assertTrue(supervisor.response().headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            desktop.register("1001", null);
            vendor.register("1001", null);

            establish(feed, CONN, "1001", "5000");
            Event call = supervisor.await("call", d -> CONN.equals(d.path("connectionId").asText()), Duration.ofSeconds(5));
            assertEquals("[\"1001\",\"5000\"]", call.data().path("parties").toString(), call.data()::toString);
            assertFalse(call.data().path("ended").asBoolean());

            // a START: its On indication within a second of the EventACK, the record Kafka gets
            JsonNode ack = desktop.request(privateService("GSIP_RECORD_START", "1001", CONN, Map.of("id", "sse-1")));
            assertEquals("EventACK", ack.path("message").asText(), ack::toString);
            Event on = supervisor.await("recording", d -> "On".equals(d.path("state").asText()), Duration.ofSeconds(1));
            assertEquals(CONN, on.data().path("connectionId").asText());
            assertEquals("sse-1", on.data().path("recordingId").asText());
            assertEquals("recording-indication/1", on.data().path("schema").asText());
            assertEquals(recorder.uri(), on.data().path("destinations").path(0).path("uri").asText(), on.data()::toString);
            assertTrue(on.id() > call.id(), "ids increase");

            vendor.request(TlibTestClient.sendEvent("1001", "enabled"));
            Event screen = supervisor.await("screen-capture", d -> "1001".equals(d.path("dn").asText()), Duration.ofSeconds(5));
            assertEquals("enabled", screen.data().path("state").asText());
            assertEquals("enabled", JSON.readTree(get(gateway, "/dns/1001/screen-capture", "supervisor:s3cret").body())
                    .path("state").asText());
            assertEquals(403, get(gateway, "/dns/1001/screen-capture", "scoped").statusCode());

            assertEquals("EventACK", desktop.request(privateService("GSIP_RECORD_STOP", "1001", CONN, Map.of()))
                    .path("message").asText());
            supervisor.await("recording", d -> "Off".equals(d.path("state").asText()), Duration.ofSeconds(5));
            recorder.assertPassed();

            // the scoped supervisor (DN 1002 only) saw none of that: its first event is the call of 1002
            establish(feed, CONN_2, "1002", "5000");
            scoped.await("call", d -> CONN_2.equals(d.path("connectionId").asText()), Duration.ofSeconds(5));
            assertEquals(1, scoped.events().size(), () -> scoped.events().stream().map(Event::toString)
                    .collect(Collectors.joining("\n")));

            feed.request(TlibTestClient.message("EventReleased").put("AttrConnectionID", CONN).put("AttrThisDN", "1001"));
            feed.request(TlibTestClient.message("EventReleased").put("AttrConnectionID", CONN).put("AttrThisDN", "5000"));
            supervisor.await("call", d -> CONN.equals(d.path("connectionId").asText()) && d.path("ended").asBoolean(),
                    Duration.ofSeconds(5));

            // the keep-alive comment (recgate.api.events.keepalive-ms=300 here)
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> supervisor.comments().contains(": keep-alive"));
            assertEquals(2.0, gateway.gauge("recgate.api.event.streams"));
        }
    }

    @Test
    void refusals() throws Exception {
        try (RunningGateway gateway = RunningGateway.start(settings("sip:srs@127.0.0.1:5999"))) {
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + gateway.apiPort() + "/api/v1/events")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, anonymous.statusCode());
            assertEquals(2002, JSON.readTree(anonymous.body()).path("code").asInt(), anonymous::body);
            assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
            try (EventStreamClient wrong = EventStreamClient.open(http, gateway.apiPort(), "supervisor:wrong");
                 EventStreamClient vendor = EventStreamClient.open(http, gateway.apiPort(), "vendor")) {
                assertEquals(401, wrong.response().statusCode());
                assertEquals(403, vendor.response().statusCode());
            }
            HttpResponse<String> who = get(gateway, "/application", "scoped");
            assertEquals(200, who.statusCode(), who::body);
            assertEquals("{\"name\":\"scoped\",\"roles\":[\"supervisor\"],\"dns\":\"1002\"}", who.body());
        }
    }

    private HttpResponse<String> get(RunningGateway gateway, String path, String user) throws Exception {
        return ApiTesting.get(http, gateway, path, user);
    }
}
