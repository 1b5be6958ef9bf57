package org.recgate.userevent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.recgate.testing.TlibTestClient.message;
import static org.recgate.testing.TlibTestClient.sendEvent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recgate.testing.RunningGateway;
import org.recgate.testing.TlibTestClient;

/** RequestSendEvent between real desktop and vendor clients: relay, DN rules, screen-capture values. */
class UserEventRelayIT {

    private static RunningGateway gateway;

    @BeforeAll
    static void startGateway() throws Exception {
        gateway = RunningGateway.start();
    }

    @AfterAll
    static void stopGateway() throws Exception {
        gateway.close();
    }

    private static boolean isUserEvent(JsonNode event) {
        return "EventUserEvent".equals(event.path("message").asText());
    }

    @Test
    void desktopAndVendorExchangeScreenCaptureControl() throws Exception {
        try (TlibTestClient desktop = gateway.connectAs("desktop");
             TlibTestClient vendor = gateway.connectAs("vendor")) {
            desktop.register("1001", null);
            vendor.register("1001", "Share");

            JsonNode ack = desktop.request(sendEvent("1001", "start"));
            assertEquals("EventACK", ack.path("message").asText(), ack::toString);
            assertEquals(1, ack.path("AttrExtensions").path("delivered").asInt());
            JsonNode atVendor = vendor.await(UserEventRelayIT::isUserEvent);
            assertEquals("start", atVendor.path("AttrUserData").path("screen-capture").asText());
            assertEquals("1001", atVendor.path("AttrThisDN").asText());
            assertEquals("00000000000000ab", atVendor.path("AttrConnectionID").asText());
            assertFalse(atVendor.has("AttrReferenceID"), "an unsolicited event carries no ReferenceID");

            vendor.request(sendEvent("1001", "enabled"));
            assertEquals("enabled", desktop.await(UserEventRelayIT::isUserEvent).path("AttrUserData").path("screen-capture").asText());
            try (TlibTestClient late = gateway.connectAs("desktop-2")) {
                JsonNode registered = late.register("1001", "Monitor");
                assertEquals("enabled", registered.path("AttrExtensions").path("screen-capture").asText(),
                        "EventRegistered gives the DN's last known screen-capture state");
            }
        }
    }

    @Test
    void queryWithoutVendorIsAnsweredFromTheLastKnownState() throws Exception {
        try (TlibTestClient desktop = gateway.connectAs("desktop"); TlibTestClient vendor = gateway.connectAs("vendor")) {
            desktop.register("1002", null);
            vendor.register("1002", null);
            vendor.request(sendEvent("1002", "paused"));
            vendor.request(message("RequestUnregisterAddress").put("AttrThisDN", "1002"));
            JsonNode ack = desktop.request(sendEvent("1002", "query"));
            assertEquals(0, ack.path("AttrExtensions").path("delivered").asInt());
            assertEquals("paused", ack.path("AttrExtensions").path("screen-capture").asText());
        }
    }

    @Test
    void everyOtherClientOnTheDnReceivesIncludingMonitors() throws Exception {
        try (TlibTestClient sender = gateway.connectAs("desktop");
             TlibTestClient second = gateway.connectAs("desktop-2");
             TlibTestClient monitor = gateway.connectAs("cli")) {
            sender.register("5000", null);
            second.register("5000", null);
            monitor.register("5000", "Monitor");
            JsonNode ack = sender.request(sendEvent("5000", null));
            assertEquals(2, ack.path("AttrExtensions").path("delivered").asInt());
            assertEquals("hello", second.await(UserEventRelayIT::isUserEvent).path("AttrUserData").path("note").asText());
            assertEquals("hello", monitor.await(UserEventRelayIT::isUserEvent).path("AttrUserData").path("note").asText());
        }
    }

    @Test
    void requestsForUnregisteredOrMonitorDnsAre41() throws Exception {
        try (TlibTestClient client = gateway.connectAs("desktop")) {
            JsonNode unregistered = client.request(sendEvent("1001", "start"));
            assertEquals(41, unregistered.path("AttrErrorCode").asInt(), unregistered::toString);
            client.register("1001", "Monitor");
            JsonNode monitor = client.request(sendEvent("1001", "start"));
            assertEquals(41, monitor.path("AttrErrorCode").asInt(), monitor::toString);
        }
    }

    @Test
    void badScreenCaptureValueIs53AndAnsweredOnce() throws Exception {
        try (TlibTestClient client = gateway.connectAs("desktop")) {
            client.register("1001", null);
            JsonNode error = client.request(sendEvent("1001", "record-everything"));
            assertEquals(53, error.path("AttrErrorCode").asInt(), error::toString);
            ObjectNode mismatched = sendEvent("1001", "start");
            ((ObjectNode) mismatched.get("AttrEvent")).put("AttrThisDN", "1002");
            assertEquals(53, client.request(mismatched).path("AttrErrorCode").asInt());
            ObjectNode noEvent = message("RequestSendEvent").put("AttrThisDN", "1001");
            assertEquals(53, client.request(noEvent).path("AttrErrorCode").asInt());

            int referenceId = client.send(message("RequestRegisterAddress").put("AttrThisDN", "1002"));
            JsonNode next = client.next();
            assertEquals(referenceId, next.path("AttrReferenceID").asInt(), "no second answer to a refused request: " + next);
        }
    }
}
