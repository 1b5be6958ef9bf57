package org.recgate.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.recgate.testing.Recordings.establish;
import static org.recgate.testing.Recordings.privateService;
import static org.recgate.testing.Recordings.recorderSettings;

import com.fasterxml.jackson.databind.JsonNode;
import org.recgate.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgate.sip.SippRecorder;
import org.recgate.testing.RunningGateway;
import org.recgate.testing.TestKafka;
import org.recgate.testing.TlibTestClient;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

/** With no Kafka brokers configured the gateway starts its own broker, and indications reach it. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class EmbeddedBrokerIT {

    /** sipp's own bound (its default is 30 s): the broker's start and a 30 s poll fit in it. */
    private static final String SIPP_TIMEOUT = "90s";

    @TempDir
    Path dataDir;

    @Test
    void theDefaultRunBringsItsOwnBroker() throws Exception {
        int kafkaPort = FreePorts.tcp();
        try (SippRecorder recorder = SippRecorder.start("srs_answer.xml", "udp", "-timeout", SIPP_TIMEOUT)) {
            Map<String, String> settings = new HashMap<>(recorderSettings(recorder.uri(), "udp"));
            settings.put("recgate.kafka.brokers", ""); // as in application.properties: nothing configured
            settings.put("recgate.kafka.embedded.port", Integer.toString(kafkaPort));
            settings.put("recgate.data-dir", dataDir.toString());
            try (RunningGateway gateway = RunningGateway.start(settings);
                 KafkaConsumer<String, String> indications = TestKafka.consumer("127.0.0.1:" + kafkaPort, gateway.topic("indications"));
                 TlibTestClient feed = gateway.connectAs("switch");
                 TlibTestClient desktop = gateway.connectAs("desktop")) {
                desktop.register("1001", null);
                establish(feed, "00000000000000e9", "1001", "5000");
                assertEquals("EventACK", desktop.request(privateService("GSIP_RECORD_START", "1001", "00000000000000e9", Map.of()))
                        .path("message").asText());
                List<ConsumerRecord<String, String>> records = TestKafka.poll(indications, 1, Duration.ofSeconds(30));
                assertEquals(1, records.size());
                JsonNode indication = RecordSchemas.assertValid("recording-indication-1", records.get(0).value());
                assertEquals("On", indication.path("state").asText());
                desktop.request(privateService("GSIP_RECORD_STOP", "1001", "00000000000000e9", Map.of()));
                recorder.assertPassed();
            }
            assertEquals(true, Files.exists(dataDir.resolve("kafka").resolve("meta.properties")), "its log is under the data dir");
        }
    }
}
