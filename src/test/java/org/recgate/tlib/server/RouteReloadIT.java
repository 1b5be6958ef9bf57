package org.recgate.tlib.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recgate.testing.TlibTestClient.message;
import static org.recgate.testing.TlibTestClient.sendEvent;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.recgate.testing.RunningGateway;
import org.recgate.testing.TlibTestClient;

/**
 * Editing a route file while clients are connected: a good edit changes behaviour and keeps the
 * clients; a bad one is refused with its line, counted and reported in health, while the file's
 * previous routes keep serving and other clients are not delayed (docs/operations.md, "Editing
 * route files").
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RouteReloadIT {

    private static final Path SHIPPED_ROUTES = Path.of("src/main/resources/routes");
    /** Far below the 30 s a request waited on a missing direct: consumer before; an answer takes ~1 ms. */
    private static final Duration QUICK = Duration.ofSeconds(2);

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path routes;

    @BeforeEach
    void copyTheShippedRoutes() throws Exception {
        try (Stream<Path> files = Files.list(SHIPPED_ROUTES)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, routes.resolve(file.getFileName()));
            }
        }
    }

    @Test
    void editingTheDispatchRouteChangesBehaviourAndKeepsTheClient() throws Exception {
        try (RunningGateway gateway = RunningGateway.withRoutesDir(routes);
             TlibTestClient client = gateway.connectAs("desktop")) {
            assertEquals("EventRegistered", client.register("1001", null).path("message").asText());

            // An operator switches RequestRegisterAddress off by editing its branch.
            Path dispatch = routes.resolve("tlib-dispatch.camel.yaml");
            String yaml = Files.readString(dispatch);
            Files.writeString(dispatch, yaml.replace("== 'RequestRegisterAddress'", "== 'RequestRegisterAddressDisabled'"));

            JsonNode reply = awaitReply(client, 51);
            assertEquals(51, reply.path("AttrErrorCode").asInt());
            assertFalse(client.isClosed(), "the client stayed connected through the reload");
            JsonNode unregistered = client.request(message("RequestUnregisterAddress").put("AttrThisDN", "1001"));
            assertEquals("EventUnregistered", unregistered.path("message").asText(),
                    "the registration made before the reload is still there");
        }
    }

    @Test
    void aBadBeanNameIsRefusedAndThePreviousRoutesKeepServing() throws Exception {
        Path userEvents = routes.resolve("tlib-user-events.camel.yaml");
        String good = Files.readString(userEvents);
        String typo = good.replace("ref: userEventSteps\n            method: admit", "ref: userEventStep\n            method: admit");
        assertFalse(typo.equals(good), "the typo must be made");
        int typoLine = lineOf(typo, "ref: userEventStep") - 1; // the step's "- bean:" line
        try (RunningGateway gateway = RunningGateway.withRoutesDir(routes);
             TlibTestClient desktop = gateway.connectAs("desktop")) {
            desktop.register("1001", null);
            assertEquals("EventACK", answer(desktop).path("message").asText());

            replace(userEvents, typo);
            await().atMost(Duration.ofSeconds(30)).until(() -> reloads(gateway, "rejected") == 1.0);
            assertEquals(0.0, reloads(gateway, "applied"));

            JsonNode ack = answer(desktop);
            assertEquals("EventACK", ack.path("message").asText(), "the previous route still serves: " + ack);
            HttpResponse<String> health = health(gateway);
            assertEquals(503, health.statusCode(), health.body());
            assertTrue(health.body().contains("route-files") && health.body().contains("DOWN"), health.body());
            assertTrue(health.body().contains("tlib-user-events.camel.yaml line " + typoLine
                    + ": no bean named 'userEventStep'"), health.body());
            everyoneRegistersQuickly(gateway);

            replace(userEvents, good.replace("relayed as it is", "relayed unchanged"));
            await().atMost(Duration.ofSeconds(30)).until(() -> reloads(gateway, "applied") == 1.0);
            assertEquals(1.0, reloads(gateway, "rejected"));
            health = health(gateway);
            assertEquals(200, health.statusCode(), health.body());
            assertEquals("EventACK", answer(desktop).path("message").asText());
            everyoneRegistersQuickly(gateway);
        }
    }

    @Test
    void theListenersOwnFileIsTriedWithoutTouchingTheRunningListener() throws Exception {
        Path listener = routes.resolve("tlib-listener.camel.yaml");
        String good = Files.readString(listener);
        try (RunningGateway gateway = RunningGateway.withRoutesDir(routes)) {
            replace(listener, good.replace("#tlibMessageDecoder", "#tlibMessageDecodr"));
            await().atMost(Duration.ofSeconds(30)).until(() -> reloads(gateway, "rejected") == 1.0);
            assertTrue(health(gateway).body().contains("no bean named 'tlibMessageDecodr'"), health(gateway).body());
            everyoneRegistersQuickly(gateway); // the running listener was neither replaced nor stopped

            replace(listener, good + "# reviewed\n");
            await().atMost(Duration.ofSeconds(30)).until(() -> reloads(gateway, "applied") == 1.0);
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> everyoneRegistersQuickly(gateway));
        }
    }

    @Test
    void aRouteWithoutItsDirectConsumerFailsTheRequestAtOnce() throws Exception {
        try (RunningGateway gateway = RunningGateway.withRoutesDir(routes);
             TlibTestClient desktop = gateway.connectAs("desktop")) {
            desktop.register("1001", null);
            Path dispatch = routes.resolve("tlib-dispatch.camel.yaml");
            replace(dispatch, Files.readString(dispatch).replace("to: direct:user-event", "to: direct:user-event-nowhere"));
            await().atMost(Duration.ofSeconds(30)).until(() -> reloads(gateway, "applied") == 1.0);

            long start = System.nanoTime();
            JsonNode error = desktop.request(sendEvent("1001", null));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(52, error.path("AttrErrorCode").asInt(), error.toString());
            assertTrue(error.path("AttrErrorMessage").asText().contains("direct://user-event-nowhere"), error.toString());
            assertTrue(took.compareTo(QUICK) < 0, "answered in " + took);
            everyoneRegistersQuickly(gateway);
        }
    }

    /** 8 clients connect and register at once; each is answered well within {@link #QUICK}. */
    private static void everyoneRegistersQuickly(RunningGateway gateway) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Duration>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> {
                    try (TlibTestClient client = gateway.connect()) {
                        long start = System.nanoTime();
                        client.registerClient("desktop", null);
                        return Duration.ofNanos(System.nanoTime() - start);
                    }
                }));
            }
            for (Future<Duration> answer : answers) {
                Duration took = answer.get(30, TimeUnit.SECONDS);
                assertTrue(took.compareTo(QUICK) < 0, "RequestRegisterClient answered in " + took);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static JsonNode answer(TlibTestClient desktop) throws Exception {
        long start = System.nanoTime();
        JsonNode reply = desktop.request(sendEvent("1001", null));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(QUICK) < 0, "RequestSendEvent answered in " + took);
        return reply;
    }

    /** The edit lands in one step (an editor's write-and-rename), so the gateway never reads half a file. */
    private static void replace(Path file, String content) throws Exception {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.writeString(next, content);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private HttpResponse<String> health(RunningGateway gateway) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.managementPort()
                + "/observe/health?exposureLevel=full")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private double reloads(RunningGateway gateway, String outcome) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.managementPort()
                + "/observe/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher value = Pattern.compile("(?m)^recgate_route_reloads_total\\{outcome=\"" + outcome + "\"} (\\S+)$")
                .matcher(metrics);
        return value.find() ? Double.parseDouble(value.group(1)) : Double.NaN;
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not in the file");
    }

    /** Repeats RequestRegisterAddress until its answer carries the error code (the reload is asynchronous). */
    private static JsonNode awaitReply(TlibTestClient client, int errorCode) throws Exception {
        long deadline = System.nanoTime() + TlibTestClient.TIMEOUT.toNanos();
        JsonNode reply;
        do {
            reply = client.request(message("RequestRegisterAddress").put("AttrThisDN", "1002"));
        } while (reply.path("AttrErrorCode").asInt() != errorCode && System.nanoTime() < deadline);
        return reply;
    }
}
