package org.recgate.userevent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recgate.testing.TlibTestClient.sendEvent;

import com.fasterxml.jackson.databind.JsonNode;
import org.recgate.testing.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.recgate.sip.SippRecorder;
import org.recgate.testing.RunningGateway;
import org.recgate.testing.TlibTestClient;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

/**
 * The optional SIP screen recorder (recgate.screen-recorder.uri): a real gateway, real T-Library
 * clients, and sipp as the screen recorder, whose scenarios check each MESSAGE and its JSON body.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ScreenRecorderMessagesIT {

    private static final Pattern LOGGED = Pattern.compile("screen-capture=(\\w+) user-data=(\\w+) sequence=(\\d+)");
    private static final String DELIVERED = "recgate_screen_recorder_messages_total{outcome=\"delivered\"}";
    private static final String FAILED = "recgate_screen_recorder_messages_total{outcome=\"failed\"}";

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void desktopCommandsReachTheScreenRecorderAsSipMessages() throws Exception {
        try (SippRecorder screenRecorder = SippRecorder.start("screen_message.xml", "udp", 4);
             RunningGateway gateway = RunningGateway.start(Map.of("recgate.screen-recorder.uri", screenRecorder.uri("screen")));
             TlibTestClient desktop = gateway.connectAs("desktop");
             TlibTestClient vendor = gateway.connectAs("vendor")) {
            desktop.register("1003", null);
            vendor.register("1003", null);
            // neither a vendor's indication nor an ordinary user event goes to the screen recorder:
            // the scenario's checks would fail on either (its screenCapture must be a command)
            assertAck(vendor.request(sendEvent("1003", "enabled")));
            assertAck(desktop.request(sendEvent("1003", null)));
            for (String command : List.of("start", "pause", "resume", "stop")) {
                assertAck(desktop.request(sendEvent("1003", command)));
            }

            screenRecorder.assertPassed();
            List<Matcher> messages = new ArrayList<>();
            for (String line : screenRecorder.logLines()) {
                Matcher matcher = LOGGED.matcher(line);
                assertTrue(matcher.find(), line);
                assertEquals(matcher.group(1), matcher.group(2), "the user data carries the same screen-capture: " + line);
                messages.add(matcher);
            }
            // RFC 3428 keeps no order between MESSAGEs: the body's sequence does
            messages.sort(Comparator.comparingLong(matcher -> Long.parseLong(matcher.group(3))));
            assertEquals(List.of("start", "pause", "resume", "stop"), messages.stream().map(matcher -> matcher.group(1)).toList());
            await().atMost(Duration.ofSeconds(10)).until(() -> metric(gateway, DELIVERED) == 4.0);
            assertEquals(0.0, metric(gateway, FAILED), "the failure series is there from the start, at 0 (alerts need it)");
        }
    }

    @Test
    void aRefusingOrSilentScreenRecorderNeitherDelaysNorChangesTheAck() throws Exception {
        String silent = "sip:screen@127.0.0.1:" + FreePorts.free("udp");
        try (SippRecorder busy = SippRecorder.start("screen_reject_486.xml", "udp");
             RunningGateway gateway = RunningGateway.start(Map.of(
                     "recgate.screen-recorder.uri", busy.uri("screen") + ", " + silent,
                     "recgate.recorder.timeout-ms", "3000"));
             TlibTestClient desktop = gateway.connectAs("desktop")) {
            desktop.register("1003", null);

            long sent = System.nanoTime();
            JsonNode ack = desktop.request(sendEvent("1003", "start"));
            Duration answeredIn = Duration.ofNanos(System.nanoTime() - sent);

            assertAck(ack);
            assertEquals(List.of("delivered"), iterable(ack.path("AttrExtensions").fieldNames()), ack::toString);
            assertEquals(0, ack.path("AttrExtensions").path("delivered").asInt(), "no T-Library client got it");
            assertTrue(answeredIn.compareTo(Duration.ofMillis(1500)) < 0,
                    "the EventACK does not wait for the silent screen recorder (3000 ms timeout): " + answeredIn);
            busy.assertPassed();
            // 486 from one, no answer from the other: two failures, counted once each
            await().atMost(Duration.ofSeconds(15)).until(() -> metric(gateway, FAILED) == 2.0);
            assertEquals(0.0, metric(gateway, DELIVERED));
            assertAck(desktop.request(TlibTestClient.message("RequestUnregisterAddress").put("AttrThisDN", "1003")),
                    "EventUnregistered");
        }
    }

    private static void assertAck(JsonNode reply) {
        assertAck(reply, "EventACK");
    }

    private static void assertAck(JsonNode reply, String expected) {
        assertEquals(expected, reply.path("message").asText(), reply::toString);
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    /** A series of the gateway's /observe/metrics (Prometheus text); NaN when it is not there. */
    private double metric(RunningGateway gateway, String series) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.managementPort() + "/observe/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response::body);
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(response.body());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
    }
}
