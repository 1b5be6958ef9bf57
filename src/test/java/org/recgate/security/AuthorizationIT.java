package org.recgate.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recgate.testing.Recordings.establish;
import static org.recgate.testing.Recordings.privateService;
import static org.recgate.testing.TlibTestClient.message;
import static org.recgate.testing.TlibTestClient.sendEvent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.recgate.kafka.RecordSchemas;
import org.recgate.testing.RunningGateway;
import org.recgate.testing.TestKafka;
import org.recgate.testing.TlibTestClient;

/**
 * The authorization table of docs/security.md, row by row, allowed and refused, with real TCP
 * clients against the real gateway (recordings go to the in-process demo recorder). Every refusal
 * is EventError 2002 with a plain message, and is audited. Then which recordings a client may
 * control ("DN scope"): a desktop those of calls on which one of its DNs is a party, a supervisor
 * those of the DNs in its scope; STOP, PAUSE and RESUME without an id act on those only.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class AuthorizationIT {

    private static final String DN_FILE = """
            applications:
              switch: {roles: [switch]}
              router: {roles: [router]}
              desktop: {roles: [desktop]}
              desktop-2: {roles: [desktop]}
              vendor: {roles: [vendor]}
              supervisor: {roles: [supervisor], dns: ["10*", "7000"]}
              supervisor-east: {roles: [supervisor], dns: ["20*"]}
              scoped: {roles: [desktop], dns: ["1001"]}
            dns:
              "5000": {type: Trunk}
            """;

    private static RunningGateway gateway;
    private static TlibTestClient feed;

    @BeforeAll
    static void startGateway() throws Exception {
        Path dnFile = Files.createTempDirectory("recgate-authz").resolve("dns.yaml");
        Files.writeString(dnFile, DN_FILE);
        gateway = RunningGateway.start(Map.of("recgate.dn-file", dnFile.toString()));
        feed = gateway.connectAs("switch");
    }

    @AfterAll
    static void stopGateway() throws Exception {
        feed.close();
        gateway.close();
    }

    private static void assertRefused(JsonNode reply) {
        assertEquals("EventError", reply.path("message").asText(), reply::toString);
        assertEquals(2002, reply.path("AttrErrorCode").asInt(), reply::toString);
        assertTrue(reply.path("AttrErrorMessage").asText().contains("may not"), "a plain message: " + reply);
    }

    private static void assertAck(JsonNode reply) {
        assertEquals("EventACK", reply.path("message").asText(), reply::toString);
    }

    /** {@code call}, established by the switch between {@code dn} and the trunk 5000. */
    private static String established(String call, String dn) throws Exception {
        establish(feed, call, dn, "5000");
        return call;
    }

    private static TlibTestClient on(String application, String dn) throws Exception {
        TlibTestClient client = gateway.connectAs(application);
        assertEquals("EventRegistered", client.register(dn, null).path("message").asText());
        return client;
    }

    @Test
    void callEventsOnlyFromTheSwitch() throws Exception {
        try (TlibTestClient desktop = gateway.connectAs("desktop"); TlibTestClient router = gateway.connectAs("router");
             TlibTestClient supervisor = gateway.connectAs("supervisor")) {
            ObjectNode established = message("EventEstablished").put("AttrConnectionID", "00000000000000e1")
                    .put("AttrThisDN", "1001").put("AttrOtherDN", "5000");
            assertRefused(desktop.request(established.deepCopy()));
            assertRefused(router.request(established.deepCopy()));
            assertRefused(supervisor.request(established.deepCopy()));
            assertAck(feed.request(established.deepCopy()));
        }
    }

    @Test
    void routeCallFromTheSwitchARouterOrASupervisor() throws Exception {
        for (String application : List.of("switch", "router", "supervisor")) {
            try (TlibTestClient client = on(application, "7000")) {
                assertAck(client.request(routeCall("00000000000000e2")));
            }
        }
        try (TlibTestClient desktop = on("desktop", "7000"); TlibTestClient vendor = on("vendor", "7000")) {
            assertRefused(desktop.request(routeCall("00000000000000e2")));
            assertRefused(vendor.request(routeCall("00000000000000e2")));
        }
    }

    private static ObjectNode routeCall(String call) {
        ObjectNode request = message("RequestRouteCall").put("AttrThisDN", "7000").put("AttrConnectionID", call)
                .put("AttrOtherDN", "1001");
        request.putObject("AttrExtensions").put("record", "destination");
        return request;
    }

    @Test
    void recordingControlFromDesktopsAndSupervisorsOnly() throws Exception {
        String call = established("00000000000000e3", "1001");
        try (TlibTestClient vendor = on("vendor", "1001"); TlibTestClient router = on("router", "1001");
             TlibTestClient desktop = on("desktop", "1001")) {
            assertRefused(vendor.request(privateService("GSIP_RECORD_START", "1001", call, Map.of())));
            assertRefused(router.request(privateService("GSIP_RECORD_START", "1001", call, Map.of())));
            assertRefused(feed.request(privateService("GSIP_RECORD_START", "1001", call, Map.of())));
            assertAck(desktop.request(privateService("GSIP_RECORD_START", "1001", call, Map.of("id", "authz-e3"))));
            assertRefused(vendor.request(privateService("GSIP_RECORD_STOP", "1001", call, Map.of())));
            assertAck(desktop.request(privateService("GSIP_RECORD_STOP", "1001", call, Map.of())));
        }
    }

    @Test
    void screenCaptureCommandsFromDesktopsIndicationsFromVendors() throws Exception {
        try (TlibTestClient desktop = on("desktop", "1003"); TlibTestClient vendor = on("vendor", "1003");
             TlibTestClient supervisor = on("supervisor", "1003"); TlibTestClient router = on("router", "1003")) {
            assertAck(desktop.request(sendEvent("1003", "start")));
            assertAck(supervisor.request(sendEvent("1003", "pause")));
            assertRefused(vendor.request(sendEvent("1003", "start")));
            assertRefused(desktop.request(sendEvent("1003", "enabled")));
            assertRefused(supervisor.request(sendEvent("1003", "disabled")));
            assertAck(vendor.request(sendEvent("1003", "enabled")));
            // ordinary user events: desktops, supervisors and vendors, not the routing side
            assertAck(desktop.request(sendEvent("1003", null)));
            assertAck(vendor.request(sendEvent("1003", null)));
            assertRefused(router.request(sendEvent("1003", null)));
        }
    }

    @Test
    void queryCallNeedsARegisteredPartyOrASupervisorOfOne() throws Exception {
        String call = established("00000000000000e4", "1004");
        try (TlibTestClient party = on("desktop", "1004"); TlibTestClient monitor = gateway.connectAs("vendor");
             TlibTestClient stranger = on("desktop-2", "1002"); TlibTestClient supervisor = gateway.connectAs("supervisor");
             TlibTestClient otherSupervisor = gateway.connectAs("supervisor-east")) {
            monitor.register("5000", "Monitor");
            ObjectNode query = message("RequestQueryCall").put("AttrConnectionID", call);
            assertEquals("EventPartyInfo", party.request(query.deepCopy()).path("message").asText());
            assertEquals("EventPartyInfo", monitor.request(query.deepCopy()).path("message").asText(), "Monitor is enough");
            assertEquals("EventPartyInfo", supervisor.request(query.deepCopy()).path("message").asText(), "1004 is in 10*");
            assertRefused(stranger.request(query.deepCopy()));
            assertRefused(otherSupervisor.request(query.deepCopy()));
            assertRefused(feed.request(query.deepCopy()));
        }
    }

    @Test
    void anApplicationRegistersOnlyTheDnsOfItsScope() throws Exception {
        try (TlibTestClient scoped = gateway.connectAs("scoped")) {
            assertEquals("EventRegistered", scoped.register("1001", null).path("message").asText());
            JsonNode refused = scoped.register("1002", "Monitor");
            assertEquals(2002, refused.path("AttrErrorCode").asInt(), refused::toString);
            assertTrue(refused.path("AttrErrorMessage").asText().contains("1001"), "names the scope: " + refused);
        }
    }

    @Test
    void refusalsAreAudited() throws Exception {
        try (KafkaConsumer<String, String> audit = TestKafka.consumer(TestKafka.bootstrapServers(), gateway.topic("audit"));
             TlibTestClient vendor = on("vendor", "1005")) {
            JsonNode refused = vendor.request(privateService("GSIP_RECORD_START", "1005", "00000000000000e5", Map.of()));
            assertRefused(refused);
            ObjectMapper json = new ObjectMapper();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            List<String> seen = new ArrayList<>();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : audit.poll(Duration.ofMillis(200))) {
                    JsonNode entry = json.readTree(record.value());
                    seen.add(record.value());
                    if (entry.path("referenceId").asLong() == refused.path("AttrReferenceID").asLong()
                            && "vendor".equals(entry.path("client").path("application").asText())) {
                        RecordSchemas.assertValid("audit-1", record.value());
                        assertEquals("RequestPrivateService", entry.path("message").asText());
                        assertEquals(2002, entry.path("errorCode").asInt());
                        return;
                    }
                }
            }
            throw new AssertionError("no audit record of the refusal; seen: " + seen);
        }
    }

    private static String stateOf(TlibTestClient client, String call, String id) throws Exception {
        JsonNode info = client.request(message("RequestQueryCall").put("AttrConnectionID", call));
        return info.path("AttrExtensions").path("recordings").path(id).path("state").asText();
    }

    @Test
    void aDesktopOnAnUnrelatedDnControlsNothing() throws Exception {
        String call = established("00000000000000f1", "1001");
        try (TlibTestClient desktop = on("desktop", "1001"); TlibTestClient unrelated = on("desktop-2", "1002")) {
            assertAck(desktop.request(privateService("GSIP_RECORD_START", "1001", call, Map.of("id", "scope-f1"))));
            assertRefused(unrelated.request(privateService("GSIP_RECORD_STOP", "1002", call, Map.of())));
            assertRefused(unrelated.request(privateService("GSIP_RECORD_PAUSE", "1002", call, Map.of("id", "scope-f1"))));
            assertRefused(unrelated.request(privateService("GSIP_RECORD_START", "1002", call,
                    Map.of("record", "destination"))));
            assertEquals("On", stateOf(desktop, call, "scope-f1"), "the refused requests changed nothing");
            assertAck(desktop.request(privateService("GSIP_RECORD_STOP", "1001", call, Map.of())));
        }
    }

    @Test
    void aSupervisorControlsTheRecordingsOfTheDnsInItsScopeOnly() throws Exception {
        String call = established("00000000000000f2", "1006");
        try (TlibTestClient desktop = on("desktop", "1006"); TlibTestClient supervisor = on("supervisor", "1006");
             TlibTestClient otherSupervisor = on("supervisor-east", "2006")) {
            // the agent's side (1006, in the supervisor's 10*) and the customer's (5000, not in it)
            assertAck(desktop.request(privateService("GSIP_RECORD_START", "1006", call, Map.of("id", "agent-f2"))));
            assertAck(desktop.request(privateService("GSIP_RECORD_START", "1006", call,
                    Map.of("id", "customer-f2", "record", "destination"))));

            assertRefused(otherSupervisor.request(privateService("GSIP_RECORD_PAUSE", "2006", call, Map.of())));
            assertRefused(supervisor.request(privateService("GSIP_RECORD_PAUSE", "1006", call, Map.of("id", "customer-f2"))));
            // without an id: only the recording it may control
            JsonNode paused = supervisor.request(privateService("GSIP_RECORD_PAUSE", "1006", call, Map.of()));
            assertAck(paused);
            assertEquals("agent-f2", paused.path("AttrExtensions").path("id").asText(), paused::toString);
            assertEquals("Paused", stateOf(desktop, call, "agent-f2"));
            assertEquals("On", stateOf(desktop, call, "customer-f2"), "outside the supervisor's scope");
            assertRefused(supervisor.request(privateService("GSIP_RECORD_START", "1006", call,
                    Map.of("record", "destination", "id", "customer-again"))));

            // the desktop on the call controls both
            JsonNode stopped = desktop.request(privateService("GSIP_RECORD_STOP", "1006", call, Map.of()));
            assertAck(stopped);
            assertEquals("agent-f2,customer-f2", stopped.path("AttrExtensions").path("id").asText(), stopped::toString);
        }
    }
}
