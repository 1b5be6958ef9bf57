package org.recgate.sip.msml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recgate.sip.DestinationRole;
import org.recgate.sip.FailoverRule;
import org.recgate.sip.RecordingSessionSpec;
import org.recgate.sip.session.MediaDirection;
import org.recgate.sip.session.SdpOffer;
import org.recgate.sip.takeover.StoredDialog;

/**
 * The dialog state an MSML result carries and a RESTORE takes back (docs/durable-state.md §7):
 * through JSON as the state topic would hold it, and back to the same SIP dialog, connection and
 * records (which one is paused), with the takeover's offer one version up.
 */
class MsmlDialogStateTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MsmlSettings SETTINGS = new MsmlSettings(5000, FailoverRule.parse(FailoverRule.DEFAULT), "recgate",
            "cc.example.com", "urn:recgate:tlib:1", "192.0.2.10", 40000, "application/vnd.radisys.msml+xml",
            "file:///recordings/${fileName}.wav", "audio/wav", "7200s");
    private static final RecordingSessionSpec SPEC = new RecordingSessionSpec("rec-0001", "006e01d2a3b4c5d6", null, "7001",
            "destination", List.of(), Map.of(), "rec-0001", Instant.parse("2026-11-22T09:30:00Z"));

    private static MsmlDialogState state() {
        StoredDialog dialog = new StoredDialog("a84b4c76e66710@gw1", "1928301774", "ms-tag-7", "<sip:recgate@cc.example.com>",
                "<sip:msml=rec-0001@ms.example.com>", "sip:ms@10.0.0.9:5070", List.of(), 3, "udp", "sip:ms@10.0.0.9:5070",
                SdpOffer.render("192.0.2.10", 40000, 4711, 1, MediaDirection.SENDONLY), 1, null);
        return new MsmlDialogState(dialog, 4711, List.of(
                new MsmlDialogState.StoredRecord("r1", DestinationRole.PRIMARY, "file:///recordings/a.wav", true, true),
                new MsmlDialogState.StoredRecord("r2", DestinationRole.DUPLICATE, "file:///recordings/b.wav", true, false)));
    }

    @Test
    void survivesJsonAndGivesBackTheConnectionWithItsRecords() throws Exception {
        String json = JSON.writeValueAsString(state().toMap());
        assertTrue(json.contains("\"msml\":{\"connection\":\"conn:ms-tag-7\",\"dialog\":\"rec\",\"sdpSessionId\":4711,"), json);
        MsmlDialogState back = MsmlDialogState.fromMap(JSON.readValue(json, new TypeReference<Map<String, Object>>() { }));
        assertEquals(state(), back);
        assertTrue(back.paused(DestinationRole.PRIMARY));
        assertEquals(false, back.paused(DestinationRole.DUPLICATE));

        MsmlConnection connection = back.connection(SPEC, SETTINGS);
        assertEquals("ms-tag-7", connection.toTag(), "the connection is conn:<the media server's To-tag> (RFC 5707 §6.2)");
        assertEquals(List.of("r1", "r2"), connection.records().stream().map(MsmlConnection.Record::id).toList());
        assertEquals("sip:ms@10.0.0.9:5070", connection.records().get(0).key().uri());
        assertEquals("rec-0001", connection.records().get(0).key().recordingId());
        assertTrue(connection.records().get(0).paused().get());
        assertTrue(connection.sdp().contains("o=- 4711 2 IN"), "the takeover offer is a new version: " + connection.sdp());
    }

    @Test
    void aBrokenStateIsRefusedSayingWhatIsWrong() {
        Map<String, Object> good = state().toMap();
        assertEquals("dialog state: no 'dialog' and 'msml' objects",
                assertThrows(IllegalArgumentException.class, () -> MsmlDialogState.fromMap(Map.of("msml", good.get("msml"))))
                        .getMessage());
        Map<String, Object> noRecords = new HashMap<>(good);
        noRecords.put("msml", Map.of("sdpSessionId", 4711, "records", List.of()));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MsmlDialogState.fromMap(noRecords)).getMessage()
                .contains("needs a positive sdpSessionId and records"));
        Map<String, Object> badRecord = new HashMap<>(good);
        badRecord.put("msml", Map.of("sdpSessionId", 4711, "records", List.of(Map.of("id", "r1"))));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MsmlDialogState.fromMap(badRecord)).getMessage()
                .contains("an msml record needs an id, a role and a dest"));
    }
}
