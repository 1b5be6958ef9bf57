package org.recgate.recording;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recgate.testing.Recordings.attachedData;
import static org.recgate.testing.Recordings.privateService;
import static org.recgate.testing.Recordings.recorderSettings;
import static org.recgate.testing.TlibTestClient.message;

import com.fasterxml.jackson.databind.JsonNode;
import org.recgate.testing.FreePorts;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.recgate.sip.SippRecorder;
import org.recgate.testing.RunningGateway;
import org.recgate.testing.TestKafka;
import org.recgate.testing.TlibTestClient;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

/**
 * Automatic recording through the real gateway (docs/recording.md §1–2): the switch feed and the
 * clients are real TCP clients, each DN's recorder is a sipp of its own (its exit code says it got
 * its INVITE and its BYE), RequestRouteCall goes on to a real Kafka topic standing in for the switch.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class AutomaticRecordingIT {

    private static final AtomicInteger CALLS = new AtomicInteger(0xa0);
    private static final String CUSTOMER = "+15550100";

    private final List<AutoCloseable> opened = new java.util.ArrayList<>();
    private String call = String.format("%016x", CALLS.incrementAndGet());
    private RunningGateway gateway;
    private TlibTestClient feed;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    private <T extends AutoCloseable> T opened(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    private SippRecorder recorder() throws Exception {
        return opened(SippRecorder.start("srs_answer.xml", "udp"));
    }

    /**
     * A gateway whose DN file gives each DN of {@code recorders} its own recorder: 3001 and 3002 are
     * full-time Extensions, 3003 an Extension, 5100 a full-time Trunk, 6100 an IVR port.
     */
    private void startGateway(Map<String, SippRecorder> recorders, SippRecorder defaultRecorder, Map<String, String> extra)
            throws Exception {
        Map<String, String> types = new LinkedHashMap<>();
        types.put("3001", "type: Extension, record: true");
        types.put("3002", "type: Extension, record: true");
        types.put("3003", "type: Extension");
        types.put("5100", "type: Trunk, record: true");
        types.put("6100", "type: VoiceTreatmentPort");
        StringBuilder dns = new StringBuilder("""
                applications:
                  switch: {roles: [switch]}
                  desktop: {roles: [desktop]}
                  urs: {roles: [router]}
                dns:
                """);
        types.forEach((dn, config) -> dns.append("  \"").append(dn).append("\": {").append(config)
                .append(recorders.containsKey(dn) ? ", recorder: \"" + recorders.get(dn).uri() + "\"" : "").append("}\n"));
        Path dnFile = Files.createTempDirectory("recgate-dns").resolve("dns.yaml");
        Files.writeString(dnFile, dns);
        String defaultUri = defaultRecorder != null ? defaultRecorder.uri() : "sip:nobody@127.0.0.1:" + FreePorts.free("udp");
        Map<String, String> settings = new HashMap<>(recorderSettings(defaultUri, "udp"));
        settings.put("recgate.dn-file", dnFile.toString());
        settings.put("recgate.recorder.timeout-ms", "10000"); // a loaded CI machine must not turn a slow sipp into a failure
        settings.putAll(extra);
        gateway = opened(RunningGateway.start(settings));
        feed = opened(gateway.connectAs("switch"));
    }

    private TlibTestClient desktopOn(String dn) throws Exception {
        TlibTestClient desktop = opened(gateway.connectAs("desktop"));
        desktop.register(dn, null);
        return desktop;
    }

    private void feed(ObjectNode event) throws Exception {
        JsonNode ack = feed.request(event.put("AttrConnectionID", call));
        assertEquals("EventACK", ack.path("message").asText(), ack::toString);
    }

    private static ObjectNode established(String thisDn, String otherDn) {
        return message("EventEstablished").put("AttrThisDN", thisDn).put("AttrOtherDN", otherDn).put("AttrCallUUID", "UUID-auto");
    }

    private static ObjectNode transferred(String from, String to) {
        return message("EventPartyChanged").put("AttrThisDN", CUSTOMER).put("AttrThirdPartyDN", from).put("AttrOtherDN", to);
    }

    private static ObjectNode released(String dn) {
        return message("EventReleased").put("AttrThisDN", dn);
    }

    private JsonNode recordings(TlibTestClient client) throws Exception {
        return client.request(message("RequestQueryCall").put("AttrConnectionID", call)).path("AttrExtensions").path("recordings");
    }

    private static JsonNode ofDn(JsonNode recordings, String dn) {
        for (JsonNode recording : recordings) {
            if (dn.equals(recording.path("dn").asText())) {
                return recording;
            }
        }
        throw new AssertionError("no recording of " + dn + " in " + recordings);
    }

    private JsonNode routeCall(TlibTestClient router, String target, String record) throws Exception {
        ObjectNode request = message("RequestRouteCall").put("AttrThisDN", "7000").put("AttrConnectionID", call)
                .put("AttrOtherDN", target);
        request.putObject("AttrExtensions").put("record", record);
        return router.request(request);
    }

    private TlibTestClient router() throws Exception {
        TlibTestClient router = opened(gateway.connectAs("urs"));
        router.register("7000", null); // the routing point
        return router;
    }

    @Test
    void aFullTimeDnIsRecordedWhenAnsweredControlledByRequestsAndStoppedWhenReleased() throws Exception {
        // INVITE, pause re-INVITE, resume re-INVITE with campaign=autumn in the metadata, BYE
        SippRecorder agentRecorder = opened(SippRecorder.start("gw_srs_cycle.xml", "udp"));
        startGateway(Map.of("3001", agentRecorder), null, Map.of());
        TlibTestClient desktop = desktopOn("3001");
        feed(established("3001", CUSTOMER));
        desktop.await(event -> attachedData(event, "On"));
        JsonNode recording = ofDn(recordings(desktop), "3001");
        assertEquals("full-time", recording.path("cause").asText());
        assertEquals(agentRecorder.uri(), recording.path("dest").asText(), "the DN's own recorder");
        JsonNode paused = desktop.request(privateService("GSIP_RECORD_PAUSE", "3001", call, Map.of()));
        assertEquals("EventACK", paused.path("message").asText(), paused::toString);
        JsonNode resumed = desktop.request(privateService("GSIP_RECORD_RESUME", "3001", call, Map.of("params", "campaign=autumn")));
        assertEquals("EventACK", resumed.path("message").asText(), resumed::toString);
        int mark = desktop.mark();
        feed(released("3001"));
        desktop.awaitSince(mark, event -> attachedData(event, "Off"));
        agentRecorder.assertPassed();
    }

    @Test
    void aRoutedCallIsRecordedAtItsTargetAndTheRequestGoesOnToTheSwitch() throws Exception {
        SippRecorder agentRecorder = recorder();
        String switchTopic = "route-calls-" + call;
        startGateway(Map.of("3003", agentRecorder), null, Map.of("recgate.routing.switch-uri", "kafka:" + switchTopic));
        TlibTestClient desktop = desktopOn("3003");
        TlibTestClient router = router();
        feed(established(CUSTOMER, "7000"));
        JsonNode ack = routeCall(router, "3003", "destination");
        assertEquals("EventACK", ack.path("message").asText(), ack::toString);
        assertEquals("destination", ack.path("AttrExtensions").path("record").asText());
        assertEquals(0, recordings(desktop).size(), "nothing before the call reaches the target");
        feed(transferred("7000", "3003"));
        desktop.await(event -> attachedData(event, "On"));
        JsonNode recording = ofDn(recordings(desktop), "3003");
        assertEquals("routing", recording.path("cause").asText());
        assertEquals("destination", recording.path("record").asText());
        feed(released("3003"));
        agentRecorder.assertPassed();
        try (KafkaConsumer<String, String> consumer = TestKafka.consumer(TestKafka.bootstrapServers(), switchTopic)) {
            List<ConsumerRecord<String, String>> handedOn = TestKafka.poll(consumer, 1, Duration.ofSeconds(20));
            assertEquals(1, handedOn.size(), "the switch endpoint got the request");
            assertTrue(handedOn.get(0).value().contains("\"message\":\"RequestRouteCall\""), handedOn.get(0).value());
            assertTrue(handedOn.get(0).value().contains("\"AttrOtherDN\":\"3003\""), handedOn.get(0).value());
        }
    }

    @Test
    void disableDestinationKeepsAFullTimeAgentUnrecordedButARequestStillStartsIt() throws Exception {
        SippRecorder agentRecorder = recorder();
        startGateway(Map.of("3001", agentRecorder), null, Map.of());
        TlibTestClient desktop = desktopOn("3001");
        TlibTestClient router = router();
        assertEquals("EventACK", routeCall(router, "3001", "disable_destination").path("message").asText());
        feed(established("3001", CUSTOMER));
        // the feed's ACK comes after the gateway decided: no recording was started
        assertEquals(0, recordings(desktop).size(), "full-time recording disabled for this call");
        JsonNode ack = desktop.request(privateService("GSIP_RECORD_START", "3001", call, Map.of()));
        assertEquals("EventACK", ack.path("message").asText(), ack::toString);
        assertEquals("request", ofDn(recordings(desktop), "3001").path("cause").asText());
        feed(released("3001"));
        agentRecorder.assertPassed(); // the only INVITE it saw was the request's
    }

    @Test
    void aTransferEndsTheAgentsRecordingKeepsTheCustomersAndReleaseStopsAll() throws Exception {
        SippRecorder agentA = recorder();
        SippRecorder agentB = recorder();
        SippRecorder customerSide = recorder();
        startGateway(Map.of("3001", agentA, "3002", agentB), customerSide, Map.of());
        TlibTestClient desktopB = desktopOn("3002");
        TlibTestClient router = router();
        routeCall(router, "3001", "source"); // the customer side, for the whole call
        feed(established("3001", CUSTOMER));
        TlibTestClient supervisor = desktopOn("3001");
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonNode recordings = recordings(supervisor);
            return recordings.size() == 2 && "On".equals(ofDn(recordings, CUSTOMER).path("state").asText())
                    && "On".equals(ofDn(recordings, "3001").path("state").asText());
        });
        String previous = call;
        call = String.format("%016x", CALLS.incrementAndGet());
        // the switch gives the call a new connection ID on the transfer: the recordings go with it
        feed(transferred("3001", "3002").put("AttrPreviousConnID", previous));
        agentA.assertPassed(); // A's recording got its BYE when A transferred away
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "On".equals(ofDn(recordings(desktopB), "3002").path("state").asText()));
        JsonNode recordings = recordings(desktopB);
        assertEquals("transfer", ofDn(recordings, "3001").path("cause").asText());
        assertEquals("Off", ofDn(recordings, "3001").path("state").asText());
        assertEquals("On", ofDn(recordings, CUSTOMER).path("state").asText(), "the customer side goes on");
        assertEquals("routing", ofDn(recordings, CUSTOMER).path("cause").asText());
        assertEquals("full-time", ofDn(recordings, "3002").path("cause").asText());
        feed(released("3002"));
        feed(released(CUSTOMER));
        agentB.assertPassed();
        customerSide.assertPassed();
    }

    @Test
    void aTrunkRecordsTheCustomerUntilTheIvrHandsTheCallToAnAgent() throws Exception {
        SippRecorder trunkRecorder = recorder();
        startGateway(Map.of("5100", trunkRecorder), null, Map.of());
        TlibTestClient desktop = desktopOn("3003");
        TlibTestClient ivr = desktopOn("6100");
        feed(established("5100", "6100"));
        ivr.await(event -> attachedData(event, "On"));
        feed(message("EventPartyChanged").put("AttrThisDN", "5100").put("AttrThirdPartyDN", "6100").put("AttrOtherDN", "3003"));
        trunkRecorder.assertPassed();
        JsonNode trunk = ofDn(recordings(desktop), "5100");
        assertEquals("Off", trunk.path("state").asText());
        assertEquals("transfer", trunk.path("cause").asText());
        feed(released("5100"));
    }

    @Test
    void badRoutingDecisionsAreRefusedAndChangeNothing() throws Exception {
        startGateway(Map.of(), null, Map.of());
        TlibTestClient router = router();
        JsonNode both = routeCall(router, "3001", "disable_source,disable_destination");
        assertEquals(53, both.path("AttrErrorCode").asInt(), both::toString);
        assertTrue(both.path("AttrErrorMessage").asText().contains("one side only"), both::toString);
        assertEquals(53, routeCall(router, "3001", "everything").path("AttrErrorCode").asInt());
        ObjectNode elsewhere = message("RequestRouteCall").put("AttrThisDN", "7000").put("AttrConnectionID", call)
                .put("AttrOtherDN", "3001");
        elsewhere.putObject("AttrExtensions").put("record", "destination").put("dest", "sip:rec@recorder.elsewhere.example");
        assertEquals(2004, router.request(elsewhere).path("AttrErrorCode").asInt());
        ObjectNode noTarget = message("RequestRouteCall").put("AttrThisDN", "7000").put("AttrConnectionID", call);
        assertEquals(53, router.request(noTarget).path("AttrErrorCode").asInt());
        TlibTestClient stranger = opened(gateway.connectAs("desktop"));
        assertEquals(2002, routeCall(stranger, "3001", "destination").path("AttrErrorCode").asInt(), "a desktop does not route");
        TlibTestClient otherRouter = opened(gateway.connectAs("urs"));
        assertEquals(41, routeCall(otherRouter, "3001", "destination").path("AttrErrorCode").asInt(),
                "a router that has not registered the routing point");
        // none of them was remembered: the full-time agent is recorded as configured
        TlibTestClient desktop = desktopOn("3001");
        feed(established("3001", CUSTOMER));
        assertEquals("full-time", ofDn(recordings(desktop), "3001").path("cause").asText());
    }
}
