package org.recgate.tlib.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recgate.testing.TlibTestClient.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.recgate.session.SessionRegistry;
import org.recgate.testing.RunningGateway;
import org.recgate.testing.TlibTestClient;

/**
 * The listener's limits (docs/security.md, Limits) with real TCP clients, each set small
 * here: what the client gets, that the others are not disturbed, and the count of each hit.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ListenerLimitsIT {

    private static final int MAX_CONNECTIONS = 4;
    private static final int REGISTER_TIMEOUT_MS = 1000;
    private static final int PER_SECOND = 5;
    private static final int BURST = 10;

    @RegisterExtension
    static final RunningGateway gateway = RunningGateway.perClass(Map.of(
            "recgate.tlib.max-connections", Integer.toString(MAX_CONNECTIONS),
            "recgate.tlib.register-timeout-ms", Integer.toString(REGISTER_TIMEOUT_MS),
            "recgate.tlib.max-requests-per-second", Integer.toString(PER_SECOND),
            "recgate.tlib.max-request-burst", Integer.toString(BURST),
            "recgate.tlib.max-dns-per-client", "3",
            "recgate.tlib.max-dns-per-client.vendor", "5"));

    /** Each test starts with no client connected, so the connections of one never count against the next. */
    @BeforeEach
    void noClientConnected() {
        SessionRegistry sessions = gateway.gate().context().getRegistry().lookupByNameAndType("tlibSessions", SessionRegistry.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> sessions.connectedClients() == 0);
    }

    @Test
    void everyLimitHasItsSeriesWithHelp() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.managementPort() + "/observe/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        String metrics = response.body();
        assertTrue(metrics.contains("# HELP recgate_tlib_limit_hits_total Connections closed and requests refused"), metrics);
        assertTrue(metrics.contains("# HELP recgate_tlib_tls_refused_total "), metrics);
        for (String limit : List.of("max-connections", "register-timeout-ms", "max-requests-per-second", "max-dns-per-client")) {
            assertTrue(metrics.contains("recgate_tlib_limit_hits_total{limit=\"" + limit + "\"}"), limit);
            assertNotNull(counter(limit), limit);
        }
    }

    @Test
    void aConnectionOverTheMaximumIsClosedAtOnce() throws Exception {
        double before = hits("max-connections");
        List<TlibTestClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_CONNECTIONS; i++) {
                clients.add(gateway.connectAs("desktop"));
            }
            try (TlibTestClient extra = gateway.connect()) {
                extra.awaitClosed();
                assertEquals(List.of(), extra.received());
            }
            assertEquals(before + 1, hits("max-connections"));
            assertEquals("EventRegistered", clients.get(0).register("1001", null).path("message").asText(),
                    "the connections within the limit work on");
            clients.remove(0).close();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                try (TlibTestClient next = gateway.connect()) {
                    next.registerClient("desktop", null);
                }
            });
        } finally {
            for (TlibTestClient client : clients) {
                client.close();
            }
        }
    }

    @Test
    void aConnectionThatDoesNotRegisterIsClosedAfterTheDeadline() throws Exception {
        double before = hits("register-timeout-ms");
        try (TlibTestClient idle = gateway.connect(); TlibTestClient registered = gateway.connectAs("desktop")) {
            JsonNode error = idle.next();
            assertEquals("EventError", error.path("message").asText(), error::toString);
            assertEquals(2001, error.path("AttrErrorCode").asInt());
            assertTrue(error.path("AttrErrorMessage").asText().contains(REGISTER_TIMEOUT_MS + " ms"), error::toString);
            idle.awaitClosed();
            assertEquals(before + 1, hits("register-timeout-ms"));
            await().during(Duration.ofMillis(REGISTER_TIMEOUT_MS)).atMost(Duration.ofSeconds(5))
                    .until(() -> !registered.isClosed());
            assertEquals("EventRegistered", registered.register("1001", null).path("message").asText());
        }
    }

    @Test
    void aBurstOverTheRateGets58AndOtherClientsAreNotSlowed() throws Exception {
        double before = hits("max-requests-per-second");
        int lines = 40;
        try (TlibTestClient flood = gateway.connectAs("desktop"); TlibTestClient bystander = gateway.connectAs("desktop-2");
             TlibTestClient feed = gateway.connectAs("switch")) {
            List<JsonNode> answers = burst(flood, lines, i -> message("RequestQueryCall")
                    .put("AttrConnectionID", "00000000000000f1"));
            int refused = 0;
            for (JsonNode answer : answers) {
                if (answer.path("AttrErrorCode").asInt() == 58) {
                    refused++;
                    assertTrue(answer.path("AttrErrorMessage").asText().contains(PER_SECOND + " requests a second"),
                            answer::toString);
                }
            }
            // RequestRegisterClient took one token; the rest of the bucket passes, and a few more as it
            // refills while the lines are read
            assertTrue(refused >= lines - BURST - 5 && refused <= lines - BURST + 1, "refused " + refused);
            assertEquals(before + refused, hits("max-requests-per-second"));

            JsonNode other = bystander.register("1001", null);
            assertEquals("EventRegistered", other.path("message").asText(), "another client is not limited: " + other);
            for (JsonNode ack : burst(feed, lines, i -> message("EventEstablished")
                    .put("AttrConnectionID", String.format("%016x", 0xf100 + i)).put("AttrThisDN", "1002")
                    .put("AttrOtherDN", "5000"))) {
                assertEquals("EventACK", ack.path("message").asText(), "the switch's call feed is not limited: " + ack);
            }
            assertFalse(flood.isClosed(), "a client over the rate is answered, not dropped");
        }
    }

    /** Sends {@code lines} requests in one write and returns the answer to each, checked to be in order. */
    private static List<JsonNode> burst(TlibTestClient client, int lines, IntFunction<ObjectNode> request) throws Exception {
        StringBuilder burst = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            burst.append(request.apply(i).put("AttrReferenceID", 100 + i)).append('\n');
        }
        client.sendRaw(burst.toString().getBytes(StandardCharsets.UTF_8));
        List<JsonNode> answers = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            JsonNode answer = client.next();
            assertEquals(100 + i, answer.path("AttrReferenceID").asInt(), "one answer per line, in order: " + answer);
            answers.add(answer);
        }
        return answers;
    }

    @Test
    void aClientHoldsAtMostItsRolesNumberOfDns() throws Exception {
        double before = hits("max-dns-per-client");
        try (TlibTestClient desktop = gateway.connectAs("desktop"); TlibTestClient vendor = gateway.connectAs("vendor")) {
            for (String dn : List.of("3001", "3002", "3003")) {
                assertEquals("EventRegistered", desktop.register(dn, null).path("message").asText());
            }
            JsonNode refused = desktop.register("3004", null);
            assertEquals(58, refused.path("AttrErrorCode").asInt(), refused::toString);
            assertTrue(refused.path("AttrErrorMessage").asText().contains("3 registered DNs"), refused::toString);
            assertEquals("Monitor", desktop.register("3001", "Monitor").path("AttrRegisterMode").asText(),
                    "a DN the client holds may be registered again");
            desktop.request(message("RequestUnregisterAddress").put("AttrThisDN", "3003"));
            assertEquals("EventRegistered", desktop.register("3004", null).path("message").asText());

            for (String dn : List.of("3001", "3002", "3003", "3004", "3005")) {
                assertEquals("EventRegistered", vendor.register(dn, "Monitor").path("message").asText());
            }
            assertEquals(58, vendor.register("3006", "Monitor").path("AttrErrorCode").asInt());
            assertEquals(before + 2, hits("max-dns-per-client"));
        }
    }

    private static double hits(String limit) {
        return counter(limit).count();
    }

    private static Counter counter(String limit) {
        MeterRegistry meters = gateway.gate().context().getRegistry()
                .lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class);
        return meters.find("recgate.tlib.limit.hits").tag("limit", limit).counter();
    }
}
