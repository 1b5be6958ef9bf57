package org.recgate.recording;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recgate.testing.Recordings.establish;
import static org.recgate.testing.Recordings.privateService;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgate.testing.RunningGateway;
import org.recgate.testing.TlibTestClient;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

/** With no recorder configured, recordings go to the in-process demo recorder, which writes them down. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DemoRecorderRunIT {

    @TempDir
    Path dataDir;

    @Test
    void theDefaultRunRecordsIntoTheDemoRecorder() throws Exception {
        try (RunningGateway gateway = RunningGateway.start(Map.of("recgate.data-dir", dataDir.toString()));
             TlibTestClient feed = gateway.connectAs("switch");
             TlibTestClient desktop = gateway.connectAs("desktop")) {
            desktop.register("1001", null);
            establish(feed, "00000000000000d1", "1001", "5000");
            JsonNode started = desktop.request(privateService("GSIP_RECORD_START", "1001", "00000000000000d1",
                    Map.of("id", "demo-1", "params", "campaign=first-run")));
            assertEquals("EventACK", started.path("message").asText(), started::toString);
            assertEquals("EventACK", desktop.request(privateService("GSIP_RECORD_STOP", "1001", "00000000000000d1", Map.of()))
                    .path("message").asText());

            Path file = dataDir.resolve("recordings").resolve("demo-1.json");
            ObjectMapper json = new ObjectMapper();
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(file)
                    && json.readTree(file.toFile()).path("state").asText().equals("stopped"));
            JsonNode recording = json.readTree(file.toFile());
            assertEquals("00000000000000d1", recording.path("connectionId").asText());
            assertEquals("1001", recording.path("recordedDn").asText());
            assertTrue(recording.toString().contains("first-run"), recording::toString);
        }
    }
}
