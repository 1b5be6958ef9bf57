package org.recgate.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.recgate.testing.Recordings.attachedData;
import static org.recgate.testing.Recordings.establish;
import static org.recgate.testing.Recordings.privateService;
import static org.recgate.testing.Recordings.recorderSettings;
import static org.recgate.testing.TlibTestClient.message;

import com.fasterxml.jackson.databind.JsonNode;
import org.recgate.testing.FreePorts;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.recgate.sip.SippRecorder;
import org.recgate.testing.RunningGateway;
import org.recgate.testing.TlibTestClient;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

/**
 * Recording requests through the real gateway against sipp recorders: destinations, duplicates,
 * rejections, a recorder hanging up, and the requests the gateway refuses. Each test checks what
 * the client received and (sipp's exit code) what the recorder received.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RecordingScenariosIT {

    private static final AtomicInteger CALLS = new AtomicInteger(0xb0);
    private static RunningGateway gateway;
    private TlibTestClient feed;
    private TlibTestClient desktop;
    private String call;

    @BeforeAll
    static void startGateway() throws Exception {
        // the default recorder never answers: every test names its sipp recorder with dest
        gateway = RunningGateway.start(recorderSettings("sip:nobody@127.0.0.1:" + FreePorts.free("udp"), "udp"));
    }

    @AfterAll
    static void stopGateway() throws Exception {
        gateway.close();
    }

    @BeforeEach
    void newCall() throws Exception {
        feed = gateway.connectAs("switch");
        desktop = gateway.connectAs("desktop");
        desktop.register("1001", null);
        call = String.format("%016x", CALLS.incrementAndGet());
        establish(feed, call, "1001", "5000");
    }

    @AfterEach
    void closeClients() throws Exception {
        feed.close();
        desktop.close();
    }

    private JsonNode request(String msgId, String... extensions) throws Exception {
        Map<String, String> ext = new HashMap<>();
        for (int i = 0; i + 1 < extensions.length; i += 2) {
            ext.put(extensions[i], extensions[i + 1]);
        }
        return desktop.request(privateService(msgId, "1001", call, ext));
    }

    private static void assertAck(JsonNode reply) {
        assertEquals("EventACK", reply.path("message").asText(), reply::toString);
    }

    private static void assertError(int code, JsonNode reply) {
        assertEquals("EventError", reply.path("message").asText(), reply::toString);
        assertEquals(code, reply.path("AttrErrorCode").asInt(), reply::toString);
    }

    private JsonNode recordingOf(String id) throws Exception {
        JsonNode info = desktop.request(message("RequestQueryCall").put("AttrConnectionID", call));
        return info.path("AttrExtensions").path("recordings").path(id);
    }

    @Test
    void recordDestinationRecordsTheOtherParty() throws Exception {
        try (SippRecorder recorder = SippRecorder.start("gw_srs_destination.xml", "udp")) {
            JsonNode ack = request("GSIP_RECORD_START", "record", "destination", "dest", recorder.uri(), "id", "dst-" + call);
            assertAck(ack);
            assertEquals("destination", ack.path("AttrExtensions").path("record").asText());
            assertEquals("5000", recordingOf("dst-" + call).path("dn").asText());
            assertEquals(recorder.uri(), recordingOf("dst-" + call).path("dest").asText(), "dest replaced the default recorder");
            assertAck(request("GSIP_RECORD_STOP", "record", "destination"));
            recorder.assertPassed();
        }
    }

    @Test
    void duplicateRecordingGoesToBothRecorders() throws Exception {
        try (SippRecorder primary = SippRecorder.start("srs_answer.xml", "udp");
             SippRecorder duplicate = SippRecorder.start("srs_answer.xml", "udp")) {
            JsonNode ack = request("GSIP_RECORD_START", "dest", primary.uri(), "dest2", duplicate.uri());
            assertAck(ack);
            assertEquals("established", ack.path("AttrExtensions").path("dest2-status").asText());
            assertEquals(duplicate.uri(), ack.path("AttrExtensions").path("dest2").asText());
            assertAck(request("GSIP_RECORD_STOP"));
            primary.assertPassed();
            duplicate.assertPassed();
        }
    }

    @Test
    void aFailingDuplicateIsReportedAndThePrimaryRecords() throws Exception {
        try (SippRecorder primary = SippRecorder.start("srs_answer.xml", "udp");
             SippRecorder duplicate = SippRecorder.start("srs_reject_486.xml", "udp")) {
            JsonNode ack = request("GSIP_RECORD_START", "dest", primary.uri(), "dest2", duplicate.uri(), "id", "dup-" + call);
            assertAck(ack);
            assertEquals("rejected", ack.path("AttrExtensions").path("dest2-status").asText());
            assertEquals(486, ack.path("AttrExtensions").path("dest2-sip-status").asInt());
            assertEquals("On", recordingOf("dup-" + call).path("state").asText());
            assertAck(request("GSIP_RECORD_STOP"));
            primary.assertPassed();
            duplicate.assertPassed();
        }
    }

    @Test
    void stopParamsReachTheRecorderInAnUpdateBeforeTheBye() throws Exception {
        try (SippRecorder recorder = SippRecorder.start("srs_stop_params.xml", "udp")) {
            assertAck(request("GSIP_RECORD_START", "dest", recorder.uri(), "id", "sp-" + call, "params", "campaign=spring"));
            assertAck(request("GSIP_RECORD_STOP", "params", "campaign=closing&outcome=sale"));
            recorder.assertPassed(); // the UPDATE with the new params came, then the BYE
            JsonNode recording = recordingOf("sp-" + call);
            assertEquals("Off", recording.path("state").asText());
        }
    }

    @Test
    void recorderRejectingIs2005WithTheSipStatus() throws Exception {
        for (String scenario : new String[] {"srs_reject_486.xml", "srs_reject_503.xml"}) {
            try (SippRecorder recorder = SippRecorder.start(scenario, "udp")) {
                JsonNode error = request("GSIP_RECORD_START", "dest", recorder.uri());
                assertError(2005, error);
                int expected = scenario.contains("486") ? 486 : 503;
                assertEquals(expected, error.path("AttrExtensions").path("sip-status").asInt(), error::toString);
                recorder.assertPassed();
            }
            JsonNode info = desktop.request(message("RequestQueryCall").put("AttrConnectionID", call));
            assertEquals("Off", info.path("AttrUserData").path("GSIP_RECORD").asText());
            assertEquals(0, info.path("AttrExtensions").path("recordings").size(), "a failed start leaves nothing behind");
        }
    }

    @Test
    void recorderHangingUpEndsTheRecording() throws Exception {
        try (SippRecorder recorder = SippRecorder.start("srs_hangup.xml", "udp")) {
            assertAck(request("GSIP_RECORD_START", "dest", recorder.uri(), "id", "hup-" + call));
            int mark = desktop.mark();
            assertAck(request("GSIP_RECORD_PAUSE"));
            desktop.awaitSince(mark, e -> attachedData(e, "Off")); // the recorder's BYE after the pause
            recorder.assertPassed();
            JsonNode recording = recordingOf("hup-" + call);
            assertEquals("Off", recording.path("state").asText());
            assertEquals("recorder-failure", recording.path("cause").asText());
            assertError(43, request("GSIP_RECORD_STOP"));
        }
    }

    @Test
    void refusedRequestsSendNothingToRecorders() throws Exception {
        assertError(43, request("GSIP_RECORD_STOP"));
        assertError(43, request("GSIP_RECORD_PAUSE"));
        assertError(56, desktop.request(privateService("GSIP_RECORD_START", "1001", "00000000deadbeef", Map.of())));
        assertError(53, request("GSIP_RECORD_START", "record", "both"));
        assertError(53, request("GSIP_RECORD_START", "dest", "mailto:x@y"));
        assertError(53, request("GSIP_RECORD_START", "params", "no-value"));
        assertError(2004, request("GSIP_RECORD_START", "dest", "sip:rec@recorder.elsewhere.example"));
        assertError(51, request("GSIP_RECORD_TELEPORT"));
        assertError(41, desktop.request(privateService("GSIP_RECORD_START", "1002", call, Map.of())));
        JsonNode noExtensions = desktop.request(message("RequestPrivateService").put("AttrPrivateMsgID", "GSIP_RECORD_START")
                .put("AttrThisDN", "1001"));
        assertError(53, noExtensions);
        assertEquals(0, desktop.request(message("RequestQueryCall").put("AttrConnectionID", call))
                .path("AttrExtensions").path("recordings").size());
    }

    @Test
    void failoverFromARecorderThatNeverAnswers() throws Exception {
        try (SippRecorder recorder = SippRecorder.start("srs_answer.xml", "udp")) {
            Map<String, String> settings = new HashMap<>(recorderSettings(
                    "sip:silent@127.0.0.1:" + FreePorts.free("udp") + "," + recorder.uri(), "udp"));
            settings.put("recgate.recorder.timeout-ms", "500");
            try (RunningGateway failover = RunningGateway.start(settings);
                 TlibTestClient switchFeed = failover.connectAs("switch");
                 TlibTestClient client = failover.connectAs("desktop")) {
                client.register("1001", null);
                establish(switchFeed, call, "1001", "5000");
                JsonNode ack = client.request(privateService("GSIP_RECORD_START", "1001", call, Map.of("id", "fo-" + call)));
                assertAck(ack);
                JsonNode recording = client.request(message("RequestQueryCall").put("AttrConnectionID", call))
                        .path("AttrExtensions").path("recordings").path("fo-" + call);
                assertEquals(recorder.uri(), recording.path("dest").asText(), "the second recorder took it");
                assertAck(client.request(privateService("GSIP_RECORD_STOP", "1001", call, Map.of())));
                recorder.assertPassed();
            }
        }
    }
}
