package org.recgate.recording;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recgate.testing.Recordings.attachedData;
import static org.recgate.testing.Recordings.establish;
import static org.recgate.testing.Recordings.privateService;
import static org.recgate.testing.Recordings.recorderSettings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.recgate.kafka.RecordSchemas;
import org.recgate.sip.SippRecorder;
import org.recgate.testing.RunningGateway;
import org.recgate.testing.TestKafka;
import org.recgate.testing.TlibTestClient;

/**
 * Mid-call failover through the real gateway (issue 17, docs/sip-recorder.md "Mid-call failover"):
 * two sipp recorders A and B in {@code recgate.recorder.uri}, keepalives every 300 ms; a recording at
 * A; A's sipp killed (SIGKILL). B must get the new session (same recording id, same RFC 7865 session_id,
 * the recording's direction) within keepalive × failures + setup, the client sees no error and no
 * change, the later PAUSE/RESUME/STOP go to B (its scenario exits 0), and the Kafka indication says
 * {@code recorder-failover} with the gap. Also: a recorder silent in the dialog (answering OPTIONS),
 * one hanging up with a 5xx Reason, a duplicate leg left alone, and no recorder left (Off).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RecorderFailoverIT {

    private static final String CONN = "00000000000000f1";
    /** keepalive 300 ms × 3 misses (each OPTIONS waits 300 ms), then the INVITE to B: with room for a loaded machine. */
    private static final Duration FAILED_OVER = Duration.ofSeconds(15);
    private static final Pattern SESSION_ID = Pattern.compile("<session session_id=\"([A-Za-z0-9+/=]+)\"");

    @Test
    void aRecordingOnFailsOverToTheNextRecorderWhenItsRecorderDies() throws Exception {
        failOver("rec-failover-on", "srs_failover_on.xml", false);
    }

    @Test
    void aPausedRecordingFailsOverPaused() throws Exception {
        failOver("rec-failover-paused", "srs_failover_paused.xml", true);
    }

    @Test
    void aRecorderSilentInTheDialogFailsOverOnTheInDialogTimeout() throws Exception {
        try (SippRecorder a = SippRecorder.start("srs_failover_silent.xml", "udp", 100_000, "-timeout", "110s");
             SippRecorder b = SippRecorder.start("srs_failover_on.xml", "udp", 100_000, "-timeout", "110s");
             RunningGateway gateway = RunningGateway.start(settings(a.uri() + "," + b.uri()));
             KafkaConsumer<String, String> indications = TestKafka.consumer(TestKafka.bootstrapServers(), gateway.topic("indications"));
             TlibTestClient feed = gateway.connectAs("switch");
             TlibTestClient desktop = gateway.connectAs("desktop")) {
            recordingOn(feed, desktop, "rec-failover-on");
            String sessionAtA = sessionId(a.messages());

            // A answers its keepalives but not the pause's re-INVITE: 57 after recgate.recorder.timeout-ms, the
            // recording stays On (the pause was never accepted), and the session moves to B as it was (a=sendonly)
            JsonNode pause = desktop.request(privateService("GSIP_RECORD_PAUSE", "1001", CONN, Map.of()));
            assertEquals("EventError", pause.path("message").asText(), pause::toString);
            assertEquals(57, pause.path("AttrErrorCode").asInt(), pause::toString);
            await().atMost(FAILED_OVER).until(() -> b.received("INVITE") >= 1);
            List<ConsumerRecord<String, String>> records = TestKafka.poll(indications, 2, Duration.ofSeconds(20));
            JsonNode failover = RecordSchemas.assertValid("recording-indication-1", records.get(1).value());
            assertEquals("On>On:recorder-failover", failover.path("previousState").asText() + ">"
                    + failover.path("state").asText() + ":" + failover.path("cause").asText(), failover::toString);
            assertEquals(a.uri(), failover.path("failover").path("from").asText());
            assertEquals(b.uri(), failover.path("failover").path("to").asText());
            assertEquals(List.of("session_id " + sessionAtA), b.logLines().subList(0, 1));
            assertTrue(a.received("OPTIONS") >= 1, "A was alive for its keepalives all along");

            pauseResumeStop(desktop, true);
            b.assertPassed();
        }
    }

    @Test
    void withADuplicateOnlyTheLegWhoseRecorderDiedMoves() throws Exception {
        try (SippRecorder a = SippRecorder.start("srs_failover_a.xml", "udp", 100_000, "-timeout", "110s");
             SippRecorder b = SippRecorder.start("srs_failover_on.xml", "udp", 100_000, "-timeout", "110s");
             SippRecorder c = SippRecorder.start("srs_failover_on.xml", "udp", 100_000, "-timeout", "110s");
             RunningGateway gateway = RunningGateway.start(settings(a.uri() + "," + b.uri()));
             KafkaConsumer<String, String> indications = TestKafka.consumer(TestKafka.bootstrapServers(), gateway.topic("indications"));
             TlibTestClient feed = gateway.connectAs("switch");
             TlibTestClient desktop = gateway.connectAs("desktop")) {
            desktop.register("1001", null);
            establish(feed, CONN, "1001", "5000");
            change(desktop, privateService("GSIP_RECORD_START", "1001", CONN,
                    Map.of("id", "rec-failover-on", "dest2", c.uri())), "On");
            await().atMost(Duration.ofSeconds(5)).until(() -> a.received("INVITE") == 1 && c.received("INVITE") == 1);

            a.kill();
            await().atMost(FAILED_OVER).until(() -> b.received("INVITE") >= 1);
            List<ConsumerRecord<String, String>> records = TestKafka.poll(indications, 2, Duration.ofSeconds(20));
            JsonNode failover = RecordSchemas.assertValid("recording-indication-1", records.get(1).value());
            assertEquals("recorder-failover", failover.path("cause").asText(), failover::toString);
            assertEquals("primary", failover.path("failover").path("role").asText());
            assertEquals(b.uri(), failover.path("failover").path("to").asText());
            // the group: both legs live, the primary now at B, the duplicate where it was
            JsonNode legs = failover.path("destinations");
            assertEquals(b.uri() + " primary established, " + c.uri() + " duplicate established",
                    leg(legs.path(0)) + ", " + leg(legs.path(1)), legs::toString);
            assertEquals(1, c.received("INVITE"), "the duplicate's recorder saw nothing but its own dialog");

            pauseResumeStop(desktop, true);
            b.assertPassed();
            c.assertPassed(); // C's own dialog: its pause, resume and BYE, nothing else
        }
    }

    private static String leg(JsonNode destination) {
        return destination.path("uri").asText() + " " + destination.path("role").asText() + " "
                + destination.path("status").asText();
    }

    @Test
    void aRecorderThatHangsUpFailingFailsOver() throws Exception {
        Map<String, String> noKeepalives = new HashMap<>();
        try (SippRecorder a = SippRecorder.start("srs_hangup.xml", "udp");
             SippRecorder b = SippRecorder.start("srs_failover_paused.xml", "udp", 100_000, "-timeout", "110s")) {
            noKeepalives.putAll(settings(a.uri() + "," + b.uri()));
            noKeepalives.put("recgate.recorder.keepalive-ms", "0"); // the BYE alone tells
            try (RunningGateway gateway = RunningGateway.start(noKeepalives);
                 KafkaConsumer<String, String> indications = TestKafka.consumer(TestKafka.bootstrapServers(),
                         gateway.topic("indications"));
                 TlibTestClient feed = gateway.connectAs("switch");
                 TlibTestClient desktop = gateway.connectAs("desktop")) {
                recordingOn(feed, desktop, "rec-failover-paused");
                int beforeBye = desktop.received().size();
                change(desktop, "GSIP_RECORD_PAUSE", "Paused");
                // A answers the pause, then sends BYE with Reason: SIP;cause=503 (it fails, RFC 3326): B takes over, paused
                await().atMost(FAILED_OVER).until(() -> b.received("INVITE") >= 1);
                a.assertPassed();
                List<ConsumerRecord<String, String>> records = TestKafka.poll(indications, 3, Duration.ofSeconds(20));
                JsonNode failover = RecordSchemas.assertValid("recording-indication-1", records.get(2).value());
                assertEquals("Paused>Paused:recorder-failover", failover.path("previousState").asText() + ">"
                        + failover.path("state").asText() + ":" + failover.path("cause").asText(), failover::toString);
                assertEquals(a.uri(), failover.path("failover").path("from").asText());
                assertEquals(b.uri(), failover.path("failover").path("to").asText());
                assertFalse(desktop.received().subList(beforeBye, desktop.received().size()).stream()
                        .anyMatch(e -> attachedData(e, "Off")), "the recording never went Off");

                pauseResumeStop(desktop, false);
                b.assertPassed();
            }
        }
    }

    @Test
    void withNoRecorderLeftTheRecordingIsOffWithRecorderFailure() throws Exception {
        try (SippRecorder a = SippRecorder.start("srs_failover_a.xml", "udp", 100_000, "-timeout", "110s");
             RunningGateway gateway = RunningGateway.start(settings(a.uri()));
             KafkaConsumer<String, String> indications = TestKafka.consumer(TestKafka.bootstrapServers(), gateway.topic("indications"));
             TlibTestClient feed = gateway.connectAs("switch");
             TlibTestClient desktop = gateway.connectAs("desktop")) {
            recordingOn(feed, desktop, "rec-failover-none");

            int mark = desktop.mark();
            a.kill();
            // DOWN, then the one candidate tried anyway (all are DOWN) for one timeout (2 s), then Off
            desktop.awaitSince(mark, e -> attachedData(e, "Off"));
            List<ConsumerRecord<String, String>> records = TestKafka.poll(indications, 2, Duration.ofSeconds(20));
            JsonNode off = RecordSchemas.assertValid("recording-indication-1", records.get(1).value());
            assertEquals("On>Off:recorder-failure", off.path("previousState").asText() + ">" + off.path("state").asText()
                    + ":" + off.path("cause").asText(), off::toString);
            assertTrue(off.path("failover").isMissingNode(), off::toString);
        }
    }

    private void failOver(String recordingId, String scenarioB, boolean paused) throws Exception {
        try (SippRecorder a = SippRecorder.start("srs_failover_a.xml", "udp", 100_000, "-timeout", "110s");
             SippRecorder b = SippRecorder.start(scenarioB, "udp", 100_000, "-timeout", "110s");
             RunningGateway gateway = RunningGateway.start(settings(a.uri() + "," + b.uri()));
             KafkaConsumer<String, String> indications = TestKafka.consumer(TestKafka.bootstrapServers(), gateway.topic("indications"));
             TlibTestClient feed = gateway.connectAs("switch");
             TlibTestClient desktop = gateway.connectAs("desktop")) {
            recordingOn(feed, desktop, recordingId);
            String state = "On";
            if (paused) {
                change(desktop, "GSIP_RECORD_PAUSE", "Paused");
                state = "Paused";
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> a.received("INVITE") == (paused ? 2 : 1));
            String sessionAtA = sessionId(a.messages());

            int beforeDeath = desktop.received().size();
            Instant killed = Instant.now();
            a.kill();
            await().atMost(FAILED_OVER).until(() -> b.received("INVITE") >= 1);
            Duration tookB = Duration.between(killed, Instant.now());

            List<ConsumerRecord<String, String>> records = TestKafka.poll(indications, paused ? 3 : 2, Duration.ofSeconds(20));
            JsonNode failover = RecordSchemas.assertValid("recording-indication-1", records.get(records.size() - 1).value());
            assertEquals("recorder-failover", failover.path("cause").asText(), failover::toString);
            assertEquals(state, failover.path("previousState").asText());
            assertEquals(state, failover.path("state").asText(), "GSIP_RECORD stays " + state);
            assertEquals(state, failover.path("gsipRecord").asText());
            JsonNode moved = failover.path("failover");
            assertEquals("primary", moved.path("role").asText());
            assertEquals(a.uri(), moved.path("from").asText());
            assertEquals(b.uri(), moved.path("to").asText());
            Instant gapStart = Instant.parse(moved.path("gapStart").asText());
            Instant gapEnd = Instant.parse(moved.path("gapEnd").asText());
            assertTrue(!gapStart.isAfter(killed.plusMillis(300)), "A was last alive before it was killed: " + moved);
            assertTrue(gapEnd.isAfter(killed) && gapEnd.isBefore(killed.plus(FAILED_OVER)), moved::toString);
            assertEquals(b.uri(), failover.path("destinations").path(0).path("uri").asText(), failover::toString);
            assertEquals("established", failover.path("destinations").path(0).path("status").asText(), failover::toString);
            assertEquals(List.of("session_id " + sessionAtA), b.logLines().subList(0, 1),
                    "B's session names the same communication session as A's (RFC 7865 §6.3)");

            List<JsonNode> toldMeanwhile = desktop.received().subList(beforeDeath, desktop.received().size());
            assertFalse(toldMeanwhile.stream().anyMatch(e -> "EventError".equals(e.path("message").asText())
                    || "EventAttachedDataChanged".equals(e.path("message").asText())),
                    "the client is told nothing: " + toldMeanwhile);

            pauseResumeStop(desktop, !paused);
            b.assertPassed();
            System.out.printf("RecorderFailoverIT %s: B got the INVITE %d ms after A was killed; gap %d ms%n",
                    recordingId, tookB.toMillis(), Duration.between(gapStart, gapEnd).toMillis());
        }
    }

    /** The call at 1001 and the recording On at its first recorder. */
    private static void recordingOn(TlibTestClient feed, TlibTestClient desktop, String recordingId) throws Exception {
        desktop.register("1001", null);
        establish(feed, CONN, "1001", "5000");
        change(desktop, privateService("GSIP_RECORD_START", "1001", CONN, Map.of("id", recordingId)), "On");
    }

    /** After the failover: (pause,) resume and stop, each acknowledged and told to the client. */
    private static void pauseResumeStop(TlibTestClient desktop, boolean pauseFirst) throws Exception {
        if (pauseFirst) {
            change(desktop, "GSIP_RECORD_PAUSE", "Paused");
        }
        change(desktop, "GSIP_RECORD_RESUME", "On");
        change(desktop, "GSIP_RECORD_STOP", "Off");
    }

    private static void change(TlibTestClient desktop, String privateMsgId, String state) throws Exception {
        change(desktop, privateService(privateMsgId, "1001", CONN, Map.of()), state);
    }

    /** The request is acknowledged and the client told GSIP_RECORD {@code state}. */
    private static void change(TlibTestClient desktop, ObjectNode request, String state)
            throws Exception {
        int mark = desktop.mark();
        assertAck(desktop.request(request));
        desktop.awaitSince(mark, e -> attachedData(e, state));
    }

    private static Map<String, String> settings(String recorders) throws Exception {
        Map<String, String> settings = new HashMap<>(recorderSettings(recorders, "udp"));
        settings.put("recgate.recorder.keepalive-ms", "300");
        settings.put("recgate.recorder.keepalive-failures", "3");
        return settings;
    }

    private static String sessionId(String messages) {
        Matcher found = SESSION_ID.matcher(messages);
        assertTrue(found.find(), "A got the metadata");
        return found.group(1);
    }

    private static void assertAck(JsonNode reply) {
        assertEquals("EventACK", reply.path("message").asText(), reply::toString);
    }
}
