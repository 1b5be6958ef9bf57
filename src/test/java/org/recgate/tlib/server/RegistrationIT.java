package org.recgate.tlib.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recgate.testing.TlibTestClient.message;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.recgate.testing.RunningGateway;
import org.recgate.testing.TlibTestClient;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

/** Session rules of docs/protocol.md with real TCP clients against the running gateway. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RegistrationIT {

    @RegisterExtension
    static final RunningGateway gateway = RunningGateway.perClass();

    private static void assertError(int code, JsonNode event) {
        assertEquals("EventError", event.path("message").asText(), event::toString);
        assertEquals(code, event.path("AttrErrorCode").asInt(), event::toString);
        assertFalse(event.path("AttrErrorMessage").asText().isBlank(), "a plain-words message");
    }

    @Test
    void requestBeforeRegisterClientIs2001AndTheConnectionStaysOpen() throws Exception {
        try (TlibTestClient client = gateway.connect()) {
            JsonNode error = client.request(message("RequestRegisterAddress").put("AttrThisDN", "1001"));
            assertError(2001, error);
            JsonNode info = client.registerClient("desktop", null);
            assertEquals("RecGate", info.path("AttrServerName").asText());
            assertEquals(1, info.path("AttrProtocolVersion").asInt());
            assertTrue(info.path("AttrClientID").asLong() > 0);
            assertEquals("EventRegistered", client.register("1001", null).path("message").asText());
        }
    }

    @Test
    void passwordIsCheckedAndAWrongOneCloses() throws Exception {
        try (TlibTestClient client = gateway.connect()) {
            JsonNode error = client.request(message("RequestRegisterClient")
                    .put("AttrApplicationName", "supervisor").put("AttrApplicationPassword", "wrong"));
            assertError(2002, error);
            client.awaitClosed();
        }
        try (TlibTestClient client = gateway.connect()) {
            assertError(2002, client.request(message("RequestRegisterClient").put("AttrApplicationName", "supervisor")));
            client.awaitClosed();
        }
        try (TlibTestClient client = gateway.connect()) {
            client.registerClient("supervisor", "s3cret");
        }
    }

    @Test
    void unknownApplicationAndUnsupportedProtocolVersionAreRefusedAndClosed() throws Exception {
        try (TlibTestClient client = gateway.connect()) {
            assertError(2002, client.request(message("RequestRegisterClient").put("AttrApplicationName", "nobody")));
            client.awaitClosed();
        }
        try (TlibTestClient client = gateway.connect()) {
            assertError(2001, client.request(message("RequestRegisterClient")
                    .put("AttrApplicationName", "desktop").put("AttrProtocolVersion", 2)));
            client.awaitClosed();
        }
    }

    @Test
    void privateDnKeepsOtherClientsOut() throws Exception {
        try (TlibTestClient owner = gateway.connectAs("desktop"); TlibTestClient other = gateway.connectAs("desktop-2")) {
            JsonNode registered = owner.register("1002", "Private");
            assertEquals("EventRegistered", registered.path("message").asText());
            assertEquals("Private", registered.path("AttrRegisterMode").asText());
            assertError(2006, other.register("1002", null));
            assertError(2006, other.register("1002", "Monitor"));
            assertEquals("EventUnregistered", owner.request(message("RequestUnregisterAddress").put("AttrThisDN", "1002"))
                    .path("message").asText());
            assertEquals("EventRegistered", other.register("1002", "Share").path("message").asText());
            assertError(2006, owner.register("1002", "Private"));
        }
    }

    @Test
    void privateRegistrationIsReleasedWhenItsConnectionCloses() throws Exception {
        TlibTestClient owner = gateway.connectAs("desktop");
        owner.register("2001", "Private");
        owner.close();
        try (TlibTestClient other = gateway.connectAs("desktop-2")) {
            // the close is handled asynchronously: wait for the DN to be free, not for a fixed time
            JsonNode reply = awaitRegistered(other, "2001", "Private");
            assertEquals("EventRegistered", reply.path("message").asText());
        }
    }

    private static JsonNode awaitRegistered(TlibTestClient client, String dn, String mode) throws Exception {
        long deadline = System.nanoTime() + TlibTestClient.TIMEOUT.toNanos();
        JsonNode reply;
        do {
            reply = client.register(dn, mode);
        } while (!"EventRegistered".equals(reply.path("message").asText()) && System.nanoTime() < deadline);
        return reply;
    }

    @Test
    void reRegistrationIsIdempotent() throws Exception {
        try (TlibTestClient client = gateway.connectAs("desktop")) {
            JsonNode first = client.register("1001", null);
            JsonNode second = client.register("1001", null);
            assertEquals("EventRegistered", first.path("message").asText());
            assertEquals("EventRegistered", second.path("message").asText());
            JsonNode unregistered = client.request(message("RequestUnregisterAddress").put("AttrThisDN", "1001"));
            assertEquals("EventUnregistered", unregistered.path("message").asText());
            assertError(41, client.request(message("RequestUnregisterAddress").put("AttrThisDN", "1001")));
            JsonNode again = client.registerClient("desktop", null);
            assertEquals("EventServerInfo", again.path("message").asText(), "RegisterClient again as the same application");
        }
    }

    @Test
    void registerModeIsValidated() throws Exception {
        try (TlibTestClient client = gateway.connectAs("desktop")) {
            assertError(53, client.register("1001", "Exclusive"));
            assertEquals("Monitor", client.register("1001", "ModeMonitor").path("AttrRegisterMode").asText());
            assertError(53, client.request(message("RequestRegisterAddress")));
        }
    }

    @Test
    void referenceIdIsEchoedAndSequenceNumbersIncrease() throws Exception {
        try (TlibTestClient client = gateway.connect()) {
            client.registerClient("desktop", null);
            long previous = 0;
            for (int referenceId = 500; referenceId < 520; referenceId++) {
                JsonNode reply = client.request(message("RequestRegisterAddress")
                        .put("AttrReferenceID", referenceId).put("AttrThisDN", "1001"));
                assertEquals(referenceId, reply.path("AttrReferenceID").asInt());
                long sequence = reply.path("AttrEventSequenceNumber").asLong();
                assertTrue(sequence > previous, "sequence numbers increase");
                assertTrue(reply.path("AttrTimeinSecs").asLong() > 1_600_000_000L);
                assertTrue(reply.has("AttrTimeinuSecs"));
                previous = sequence;
            }
            JsonNode error = client.request(message("RequestNoSuchThing").put("AttrReferenceID", 777));
            assertError(51, error);
            assertEquals(777, error.path("AttrReferenceID").asInt(), "errors echo the ReferenceID too");
        }
    }

    @Test
    void requestWithoutReferenceIdIs53() throws Exception {
        try (TlibTestClient client = gateway.connectAs("desktop")) {
            client.sendLine("{\"message\":\"RequestRegisterAddress\",\"AttrThisDN\":\"1001\"}");
            assertError(53, client.await(e -> "EventError".equals(e.path("message").asText())));
        }
    }
}
