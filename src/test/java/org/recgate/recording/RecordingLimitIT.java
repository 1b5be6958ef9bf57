package org.recgate.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recgate.testing.Recordings.establish;
import static org.recgate.testing.Recordings.privateService;
import static org.recgate.testing.Recordings.recorderSettings;
import static org.recgate.testing.TlibTestClient.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.recgate.sip.SippRecorder;
import org.recgate.testing.RunningGateway;
import org.recgate.testing.TlibTestClient;

/**
 * Live recordings per call (recgate.recording.max-per-call, docs/security.md "Limits"), with
 * real T-Library clients and sipp as the SIPREC recorder: a START beyond the limit is EventError 58
 * and reaches no recorder; ended recordings do not count, and 300 START/STOP cycles on one call
 * leave only the last 8 ended ones behind.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RecordingLimitIT {

    private static final String CALL = "00000000000000b9";

    private static Map<String, String> settings(SippRecorder recorder, Map<String, String> more) throws Exception {
        Map<String, String> settings = new HashMap<>(recorderSettings(recorder.uri(), "udp"));
        settings.putAll(more);
        return settings;
    }

    private static JsonNode start(TlibTestClient desktop, String dn, Map<String, String> extensions) throws Exception {
        return desktop.request(privateService("GSIP_RECORD_START", dn, CALL, extensions));
    }

    private static JsonNode recordings(TlibTestClient client) throws Exception {
        return client.request(message("RequestQueryCall").put("AttrConnectionID", CALL)).path("AttrExtensions").path("recordings");
    }

    @Test
    void aStartBeyondTheLimitIsRefusedAndEndedRecordingsDoNotCount() throws Exception {
        try (SippRecorder recorder = SippRecorder.start("srs_answer.xml", "udp", 3);
             RunningGateway gateway = RunningGateway.start(settings(recorder, Map.of("recgate.recording.max-per-call", "2")));
             TlibTestClient feed = gateway.connectAs("switch");
             TlibTestClient desktop = gateway.connectAs("desktop")) {
            desktop.register("1001", null);
            desktop.register("1002", null);
            establish(feed, CALL, "1001", "5000");
            establish(feed, CALL, "1002", "5000"); // a conference: 1001, 5000, 1002

            assertEquals("EventACK", start(desktop, "1001", Map.of("id", "agent-1")).path("message").asText());
            assertEquals("EventACK", start(desktop, "1002", Map.of("id", "agent-2")).path("message").asText());
            JsonNode refused = start(desktop, "1001", Map.of("id", "customer", "record", "destination"));
            assertEquals("EventError", refused.path("message").asText(), refused::toString);
            assertEquals(58, refused.path("AttrErrorCode").asInt());
            assertTrue(refused.path("AttrErrorMessage").asText().contains("recgate.recording.max-per-call"), refused::toString);
            assertEquals(1.0, gateway.counter("recgate.recording.limit.hits", "limit", "max-per-call"));
            assertEquals(List.of("agent-1", "agent-2"), ids(recordings(desktop)), "the refused one left nothing");

            assertEquals("EventACK", desktop.request(privateService("GSIP_RECORD_STOP", "1002", CALL, Map.of("id", "agent-2")))
                    .path("message").asText());
            JsonNode started = start(desktop, "1001", Map.of("id", "customer-2", "record", "destination"));
            assertEquals("EventACK", started.path("message").asText(), "an ended recording does not count: " + started);
            JsonNode now = recordings(desktop);
            assertEquals("Off", now.path("agent-2").path("state").asText(), "still shown, with how it ended");
            assertEquals("On", now.path("customer-2").path("state").asText());

            assertEquals("EventACK", desktop.request(privateService("GSIP_RECORD_STOP", "1001", CALL, Map.of()))
                    .path("message").asText());
            recorder.assertPassed(); // three recordings reached it, not four
        }
    }

    @Test
    void threeHundredStartStopCyclesLeaveOnlyTheLastEndedOnes() throws Exception {
        int cycles = 300;
        try (SippRecorder recorder = SippRecorder.start("srs_answer.xml", "udp", cycles, "-timeout", "150s");
             RunningGateway gateway = RunningGateway.start(settings(recorder,
                     Map.of("recgate.tlib.max-requests-per-second", "100000", "recgate.tlib.max-request-burst", "100000")));
             TlibTestClient feed = gateway.connectAs("switch");
             TlibTestClient desktop = gateway.connectAs("desktop")) {
            desktop.register("1001", null);
            establish(feed, CALL, "1001", "5000");
            for (int i = 0; i < cycles; i++) {
                JsonNode started = start(desktop, "1001", Map.of("id", "cycle-" + i));
                assertEquals("EventACK", started.path("message").asText(), "cycle " + i + " under the default limit of 8: " + started);
                JsonNode stopped = desktop.request(privateService("GSIP_RECORD_STOP", "1001", CALL, Map.of()));
                assertEquals("EventACK", stopped.path("message").asText(), stopped::toString);
            }
            recorder.assertPassed();
            List<String> kept = new ArrayList<>();
            for (int i = cycles - 8; i < cycles; i++) {
                kept.add("cycle-" + i);
            }
            assertEquals(kept, ids(recordings(desktop)), "the last 8 ended ones, not 300");
            assertEquals(8.0, gateway.gauge("recgate.recordings"), "recgate_recordings");
            assertEquals(0.0, gateway.counter("recgate.recording.limit.hits", "limit", "max-per-call"));
            JsonNode reused = start(desktop, "1001", Map.of("id", "cycle-0"));
            assertEquals(2003, reused.path("AttrErrorCode").asInt(), "a forgotten recording's id stays used: " + reused);
        }
    }

    private static List<String> ids(JsonNode recordings) {
        List<String> ids = new ArrayList<>();
        recordings.fieldNames().forEachRemaining(ids::add);
        return ids;
    }
}
