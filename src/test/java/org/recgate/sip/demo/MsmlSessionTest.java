package org.recgate.sip.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MSML side of the demo recorder without SIP: results, states, events, the file. */
class MsmlSessionTest {

    private static final String OFFER = String.join("\r\n", "v=0", "o=- 1 1 IN IP4 127.0.0.1", "s=-",
            "c=IN IP4 127.0.0.1", "t=0 0", "m=audio 40000 RTP/AVP 0", "a=label:1", "a=sendonly", "");
    private static final String DIALOG = "conn:tag1/dialog:rec";
    private static final String START = "<msml version=\"1.1\"><dialogstart target=\"conn:tag1\" name=\"rec\">"
            + "<group topology=\"parallel\"><record id=\"r1\" dest=\"file:///a.wav\" format=\"audio/wav\" maxtime=\"60s\"/>"
            + "<record id=\"r2\" dest=\"file:///b.wav\" format=\"audio/wav\" maxtime=\"60s\"/></group></dialogstart></msml>";

    @TempDir
    Path folder;
    private MsmlSession session;

    @BeforeEach
    void connect() throws Exception {
        RecordingFile.Sip sip = new RecordingFile.Sip("sip:msml=rec-9@127.0.0.1:5070;dn=7001;record",
                "<sip:recgate@cc.example.com>;tag=1", "call-1", RecordingFile.Sip.lines(OFFER));
        MsmlSession.Started started = MsmlSession.start(new RecordingFolder(folder), "127.0.0.1", sip, "rec-9", "7001",
                "tag1", OFFER);
        session = started.session();
        assertTrue(started.answer().text().contains("a=recvonly"), started.answer().text());
    }

    @Test
    void theInviteWritesAConnectedFile() throws Exception {
        JsonNode json = file();
        assertEquals(folder.resolve("rec-9.json"), session.file());
        assertEquals("msml", json.get("dialect").asText());
        assertEquals("rec-9", json.get("recordingId").asText());
        assertEquals("7001", json.get("recordedDn").asText());
        assertEquals("connected", json.get("state").asText());
        assertEquals("conn:tag1", json.get("connection").asText());
        assertTrue(json.get("dialog").isNull());
        assertEquals(0, json.get("events").size());
    }

    @Test
    void pausesResumesAndTerminatesRecords() throws Exception {
        assertEquals(MsmlSession.Result.OK, session.info(START));
        assertEquals(List.of("started"), events());
        assertEquals(MsmlSession.Result.OK, session.info(send("pause", "r1")));
        assertEquals("recording", file().get("state").asText(), "r2 still records");
        assertEquals(MsmlSession.Result.OK, session.info(send("pause", "r2")));
        assertEquals("paused", file().get("state").asText());
        assertEquals(MsmlSession.Result.OK, session.info(send("resume", "r1")));
        assertEquals(MsmlSession.Result.OK, session.info(send("terminate", "r2")));
        JsonNode json = file();
        assertEquals("recording", json.get("state").asText());
        assertEquals("stopped", json.at("/records/1/state").asText());
        assertEquals(401, session.info(send("pause", "r2")).code(), "a terminated record is gone");
        assertEquals(MsmlSession.Result.OK, session.info("<msml version=\"1.1\"><dialogend id=\"" + DIALOG + "\"/></msml>"));
        session.stop("BYE");
        assertEquals(List.of("started", "paused", "resumed", "stopped"), events());
        assertEquals("INFO dialogend", file().at("/events/3/cause").asText());
    }

    @Test
    void answersErrorsAsMsmlResults() throws Exception {
        MsmlSession.Result malformed = session.info("<msml version=\"1.1\"><dialogstart");
        assertEquals(400, malformed.code());
        assertTrue(malformed.description().startsWith("Bad MSML request: "), malformed.description());
        assertEquals(400, session.info(null).code());
        assertEquals(401, session.info(START.replace("conn:tag1", "conn:other")).code());
        assertEquals(401, session.info(send("pause", "r1")).code(), "no dialog yet");
        assertEquals(MsmlSession.Result.OK, session.info(START));
        assertEquals(402, session.info(START).code());
        assertEquals(400, session.info(send("play", "r1")).code());
        assertEquals(401, session.info("<msml version=\"1.1\"><dialogend id=\"conn:tag1/dialog:x\"/></msml>").code());
        assertEquals("recording", file().get("state").asText());
        assertEquals(List.of("started"), events());
    }

    @Test
    void aByeWithoutDialogStopsTheConnection() throws Exception {
        session.stop("BYE");
        JsonNode json = file();
        assertEquals("stopped", json.get("state").asText());
        assertEquals("BYE", json.at("/events/0/cause").asText());
    }

    private static String send(String event, String record) {
        return "<msml version=\"1.1\"><send event=\"" + event + "\" target=\"" + DIALOG + "/record." + record
                + "\"/></msml>";
    }

    private JsonNode file() throws Exception {
        return new ObjectMapper().readTree(session.file().toFile());
    }

    private List<String> events() throws Exception {
        List<String> names = new ArrayList<>();
        file().get("events").forEach(event -> names.add(event.get("event").asText()));
        return names;
    }
}
