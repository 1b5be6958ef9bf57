package org.recgate.sip.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgate.sip.Participant;

class RecordingFolderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-06-01T09:30:00.123456Z");

    @TempDir
    Path folder;

    @Test
    void writesTheSessionAsJson() throws IOException {
        RecordingFolder recordings = new RecordingFolder(folder);
        Path file = recordings.create("rec-1", started("<recording/>"));

        assertEquals(folder.resolve("rec-1.json"), file);
        String text = Files.readString(file);
        assertTrue(text.startsWith("{\n  \"recordingId\": \"rec-1\",\n"), text);
        assertTrue(text.contains("\"sdpOffer\": [\n      \"v=0\",\n      \"m=audio 40000 RTP/AVP 0\","), text);
        JsonNode json = JSON.readTree(text);
        assertEquals(List.of("recordingId", "connectionId", "callUuid", "recordedDn", "side", "fileName", "params",
                "participants", "state", "sip", "events", "metadata"), names(json));
        assertEquals("006e01d2a3b4c5d6", json.get("connectionId").asText());
        assertEquals("spring", json.at("/params/campaign").asText());
        assertEquals("7", json.at("/params/nested/depth").asText());
        assertEquals("sip:7001@cc.example.com", json.at("/participants/0/aor").asText());
        assertTrue(json.at("/participants/0/name").isNull());
        assertEquals("recording", json.get("state").asText());
        assertEquals("sip:recorder@127.0.0.1:5070", json.at("/sip/requestUri").asText());
        assertEquals("a=sendonly", json.at("/sip/sdpOffer/3").asText());
        assertEquals("started", json.at("/events/0/event").asText());
        assertEquals("2026-06-01T09:30:00.123Z", json.at("/events/0/time").asText());
        assertEquals("INVITE", json.at("/events/0/cause").asText());
        assertEquals("<recording/>", json.get("metadata").asText());
    }

    @Test
    void replaceSwapsTheWholeFileAndLeavesNoTemporaryFile() throws IOException {
        RecordingFolder recordings = new RecordingFolder(folder);
        RecordingFile first = started("<recording>" + "x".repeat(10_000) + "</recording>");
        Path file = recordings.create("rec-1", first);

        recordings.replace(file, first.stopped(T0.plusSeconds(5), "BYE"));

        JsonNode json = JSON.readTree(file.toFile());
        assertEquals("stopped", json.get("state").asText());
        assertEquals(2, json.get("events").size());
        assertEquals(List.of(file), filesIn(folder));
    }

    @Test
    void readersNeverSeeHalfAFile() throws Exception {
        RecordingFolder recordings = new RecordingFolder(folder);
        RecordingFile small = started("<recording/>");
        RecordingFile large = started("<recording>" + "y".repeat(500_000) + "</recording>");
        Path file = recordings.create("rec-1", small);
        AtomicInteger reads = new AtomicInteger();
        List<String> broken = new ArrayList<>();

        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < 200; i++) {
                    recordings.replace(file, i % 2 == 0 ? large : small);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        while (!writer.isDone()) {
            try {
                JSON.readTree(file.toFile());
                reads.incrementAndGet();
            } catch (IOException e) {
                broken.add(e.toString());
            }
        }
        writer.get(30, TimeUnit.SECONDS);

        assertEquals(List.of(), broken, "a reader saw a partial file");
        assertTrue(reads.get() > 0, "the reader never ran");
        assertEquals(List.of(file), filesIn(folder));
    }

    @Test
    void aFailedWriteLeavesTheFolderClean() throws IOException {
        RecordingFolder recordings = new RecordingFolder(folder);
        Path blocked = folder.resolve("rec-1.json");
        Files.createDirectories(blocked.resolve("inside"));

        assertThrows(IOException.class, () -> recordings.replace(blocked, started("<recording/>")));

        assertEquals(List.of(blocked), filesIn(folder));
    }

    @Test
    void aNewSessionNeverTakesAnotherOnesFile() throws IOException {
        RecordingFolder recordings = new RecordingFolder(folder);
        assertEquals(folder.resolve("rec-1.json"), recordings.create("rec-1", started("<a/>")));
        assertEquals(folder.resolve("rec-1-2.json"), recordings.create("rec-1", started("<b/>")));
        assertEquals(folder.resolve("rec-1-3.json"), recordings.create("rec-1", started("<c/>")));
        assertEquals("<a/>", JSON.readTree(folder.resolve("rec-1.json").toFile()).get("metadata").asText());
    }

    @Test
    void namesStayInsideTheFolderAndVisible() {
        assertEquals("__etc_passwd", RecordingFolder.safeName("../etc/passwd"));
        assertEquals("a1b2c3_127.0.0.1", RecordingFolder.safeName("a1b2c3@127.0.0.1"));
        assertEquals("_hidden", RecordingFolder.safeName(".hidden"));
        assertEquals("recording", RecordingFolder.safeName(""));
        assertEquals(150, RecordingFolder.safeName("r".repeat(400)).length());
    }

    private static RecordingFile started(String metadata) {
        RecordingDescription description = new RecordingDescription("rec-1", "006e01d2a3b4c5d6", null, "7001",
                "destination", "rec-1.wav", Map.of("campaign", "spring", "nested", Map.of("depth", "7")),
                List.of(new RecordingDescription.Participant("UQVwocMRSg+1jaWvOlCInA==", "sip:7001@cc.example.com", null)));
        RecordingFile.Sip sip = new RecordingFile.Sip("sip:recorder@127.0.0.1:5070", "<sip:recgate@cc.example.com>;tag=1",
                "call-1@127.0.0.1", List.of("v=0", "m=audio 40000 RTP/AVP 0", "a=label:1", "a=sendonly"));
        return RecordingFile.started(description, sip, metadata, false, T0);
    }

    private static List<String> names(JsonNode json) {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<Path> filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }
}
