package org.recgate.recording;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recgate.testing.Recordings.attachedData;
import static org.recgate.testing.Recordings.establish;
import static org.recgate.testing.Recordings.privateService;
import static org.recgate.testing.Recordings.recorderSettings;

import com.fasterxml.jackson.databind.JsonNode;
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
 * The retry of issue 17 through the real gateway (docs/sip-recorder.md "Mid-call failover"): one sipp
 * recorder A, keepalives every 300 ms; a recording On at A; A killed (SIGKILL): no recorder is left, the
 * recording is Off ({@code recorder-failure}). A new sipp on A's port answers the keepalives: the
 * recording is set up there again (same recording id, same RFC 7865 session_id), On with cause
 * {@code recorder-restored}, the client is told GSIP_RECORD=On, and the STOP reaches the new A (its
 * scenario exits 0). With {@code recgate.recorder.retry-while-call=false} nothing is retried.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RecorderRetryIT {

    private static final String CONN = "00000000000000f2";
    private static final Pattern SESSION_ID = Pattern.compile("<session session_id=\"([A-Za-z0-9+/=]+)\"");

    @Test
    void aRecordingLeftWithNoRecorderComesBackWhenItsRecorderIsUpAgain() throws Exception {
        try (SippRecorder a = SippRecorder.start("srs_failover_a.xml", "udp", 100_000, "-timeout", "110s");
             RunningGateway gateway = RunningGateway.start(settings(a.uri(), true));
             KafkaConsumer<String, String> indications = TestKafka.consumer(TestKafka.bootstrapServers(), gateway.topic("indications"));
             TlibTestClient feed = gateway.connectAs("switch");
             TlibTestClient desktop = gateway.connectAs("desktop")) {
            String sessionAtA = offAfterItsRecorderDied(feed, desktop, a);

            int mark = desktop.mark();
            Instant startedAgain = Instant.now();
            try (SippRecorder again = SippRecorder.startOn(a.port(), "srs_retry_restored.xml", "udp", 100_000,
                    "-timeout", "110s")) {
                desktop.awaitSince(mark, e -> attachedData(e, "On"));
                System.out.printf("RecorderRetryIT: GSIP_RECORD On again %d ms after A was started again%n",
                        Duration.between(startedAgain, Instant.now()).toMillis());
                assertEquals(1, again.received("INVITE"));
                assertEquals(List.of("session_id " + sessionAtA), again.logLines().subList(0, 1),
                        "the new session names the same communication session (RFC 7865 §6.3)");

                List<ConsumerRecord<String, String>> records = TestKafka.poll(indications, 3, Duration.ofSeconds(20));
                JsonNode restored = RecordSchemas.assertValid("recording-indication-1", records.get(2).value());
                assertEquals("Off>On:recorder-restored", restored.path("previousState").asText() + ">"
                        + restored.path("state").asText() + ":" + restored.path("cause").asText(), restored::toString);
                assertEquals("On", restored.path("gsipRecord").asText());
                assertEquals(a.uri(), restored.path("failover").path("to").asText(), restored::toString);
                assertEquals("established", restored.path("destinations").path(0).path("status").asText());

                int beforeStop = desktop.mark();
                assertEquals("EventACK", desktop.request(privateService("GSIP_RECORD_STOP", "1001", CONN, Map.of()))
                        .path("message").asText());
                desktop.awaitSince(beforeStop, e -> attachedData(e, "Off"));
                again.assertPassed();
            }
        }
    }

    @Test
    void withRetryWhileCallOffNothingIsRetried() throws Exception {
        try (SippRecorder a = SippRecorder.start("srs_failover_a.xml", "udp", 100_000, "-timeout", "110s");
             RunningGateway gateway = RunningGateway.start(settings(a.uri(), false));
             KafkaConsumer<String, String> indications = TestKafka.consumer(TestKafka.bootstrapServers(), gateway.topic("indications"));
             TlibTestClient feed = gateway.connectAs("switch");
             TlibTestClient desktop = gateway.connectAs("desktop")) {
            offAfterItsRecorderDied(feed, desktop, a);
            TestKafka.poll(indications, 2, Duration.ofSeconds(20));

            int mark = desktop.mark();
            try (SippRecorder again = SippRecorder.startOn(a.port(), "srs_failover_a.xml", "udp", 100_000,
                    "-timeout", "110s")) {
                // UP at its first answered keepalive; three more answered (≥ 900 ms later) leave the retry time to come
                await().atMost(Duration.ofSeconds(15)).until(() -> again.received("OPTIONS") >= 4);
                assertEquals(0, again.received("INVITE"), "nothing retried with retry-while-call=false");
                assertTrue(desktop.received().subList(mark, desktop.received().size()).stream()
                        .noneMatch(e -> attachedData(e, "On")), "the recording stays Off");
                assertTrue(indications.poll(Duration.ofMillis(500)).isEmpty(), "no indication after the Off");
            }
        }
    }

    /** The call at 1001, the recording On at A, A killed: Off with recorder-failure. Returns A's session_id. */
    private static String offAfterItsRecorderDied(TlibTestClient feed, TlibTestClient desktop, SippRecorder a)
            throws Exception {
        desktop.register("1001", null);
        establish(feed, CONN, "1001", "5000");
        int mark = desktop.mark();
        assertEquals("EventACK", desktop.request(privateService("GSIP_RECORD_START", "1001", CONN,
                Map.of("id", "rec-retry"))).path("message").asText());
        desktop.awaitSince(mark, e -> attachedData(e, "On"));
        await().atMost(Duration.ofSeconds(5)).until(() -> a.received("INVITE") == 1);
        Matcher found = SESSION_ID.matcher(a.messages());
        assertTrue(found.find(), "A got the metadata");

        int beforeDeath = desktop.mark();
        a.kill();
        desktop.awaitSince(beforeDeath, e -> attachedData(e, "Off"));
        return found.group(1);
    }

    private static Map<String, String> settings(String recorders, boolean retry) throws Exception {
        Map<String, String> settings = new HashMap<>(recorderSettings(recorders, "udp"));
        settings.put("recgate.recorder.keepalive-ms", "300");
        settings.put("recgate.recorder.keepalive-failures", "3");
        settings.put("recgate.recorder.retry-while-call", Boolean.toString(retry));
        return settings;
    }
}
