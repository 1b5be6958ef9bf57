package org.recgate.tlib.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.recgate.testing.TlibTestClient.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgate.testing.RunningGateway;
import org.recgate.testing.TlibTestClient;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

/** Editing a route file while a client is connected changes behaviour and keeps the client. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RouteReloadIT {

    private static final Path SHIPPED_ROUTES = Path.of("src/main/resources/routes");

    @TempDir
    Path routes;

    @Test
    void editingTheDispatchRouteChangesBehaviourAndKeepsTheClient() throws Exception {
        try (Stream<Path> files = Files.list(SHIPPED_ROUTES)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, routes.resolve(file.getFileName()));
            }
        }
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
