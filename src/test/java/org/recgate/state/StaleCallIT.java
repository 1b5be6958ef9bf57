package org.recgate.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.recgate.testing.Recordings.attachedData;
import static org.recgate.testing.Recordings.establish;
import static org.recgate.testing.Recordings.privateService;
import static org.recgate.testing.Recordings.recorderSettings;
import static org.recgate.testing.TlibTestClient.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * A call the switch stops talking about (its release lost, or sent while the gateway was down) is
 * ended after recgate.calls.max-idle: its recording stops at the recorder (BYE), goes Off with cause
 * stale, and the call is gone (docs/durable-state.md §12).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class StaleCallIT {

    private static final String CONN = "00000000000000e1";

    @Test
    void aCallWithoutEventsForMaxIdleEndsAsStale() throws Exception {
        try (SippRecorder recorder = SippRecorder.start("srs_answer.xml", "udp")) {
            Map<String, String> settings = new HashMap<>(recorderSettings(recorder.uri(), "udp"));
            settings.put("recgate.calls.max-idle", "3s");
            settings.put("recgate.calls.stale-check-ms", "500");
            try (RunningGateway gateway = RunningGateway.start(settings);
                 KafkaConsumer<String, String> indications = TestKafka.consumer(TestKafka.bootstrapServers(), gateway.topic("indications"));
                 TlibTestClient feed = gateway.connectAs("switch");
                 TlibTestClient desktop = gateway.connectAs("desktop")) {
                desktop.register("1001", null);
                establish(feed, CONN, "1001", "5000");
                JsonNode started = desktop.request(privateService("GSIP_RECORD_START", "1001", CONN, Map.of("id", "stale-1")));
                assertEquals("EventACK", started.path("message").asText(), started::toString);

                desktop.await(e -> attachedData(e, "Off"), Duration.ofSeconds(20));
                recorder.assertPassed(); // it got its BYE
                List<ConsumerRecord<String, String>> records = TestKafka.poll(indications, 2, Duration.ofSeconds(20));
                JsonNode off = RecordSchemas.assertValid("recording-indication-1", records.get(1).value());
                assertEquals("Off", off.path("state").asText());
                assertEquals("stale", off.path("cause").asText());
                JsonNode query = desktop.request(message("RequestQueryCall").put("AttrConnectionID", CONN));
                assertEquals("EventError", query.path("message").asText(), "the call is gone: " + query);
            }
        }
    }
}
