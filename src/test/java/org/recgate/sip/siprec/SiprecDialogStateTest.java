package org.recgate.sip.siprec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recgate.sip.RecordingSessionSpec;
import org.recgate.sip.session.MediaDirection;
import org.recgate.sip.takeover.StoredDialog;

/**
 * The dialog state a SIPREC result carries and a RESTORE takes back (docs/sip-recorder.md,
 * "Restoring a recording"): through JSON as the state topic would hold it, and back to the same
 * dialog, metadata ids, SDP session id and direction.
 */
class SiprecDialogStateTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RecordingSessionSpec SPEC = RecordingMetadataTest.spec(Map.of("campaign", "spring"));

    /** A paused session whose metadata named its session, participants and streams. */
    private static SiprecSession paused() {
        SiprecSession started = SiprecSession.start(SPEC, RecordingMetadataTest.SETTINGS);
        started.metadata(); // makes every object's id
        return started.next(SPEC, MediaDirection.INACTIVE);
    }

    private static StoredDialog dialogOf(SiprecSession session) {
        return new StoredDialog("a84b4c76e66710@gw1", "1928301774", "314159", "<sip:recgate@cc.example.com>",
                "<sip:srs@rec.example.com>", "sip:srs@10.0.0.9:5060", List.of("<sip:p1.example.com;lr>"), 2, "udp",
                "sip:srs@rec.example.com", session.sdp(), session.sdpVersion(), "v=0\r\no=srs 1 2 IN IP4 10.0.0.9\r\n");
    }

    @Test
    void survivesJsonAndGivesBackTheSameSessionOneVersionUp() throws Exception {
        SiprecSession session = paused();
        Map<String, Object> state = new SiprecDialogState(dialogOf(session), session.ids(), session.sdpSessionId()).toMap();

        String json = JSON.writeValueAsString(state);
        assertTrue(json.startsWith("{\"dialog\":{\"callId\":\"a84b4c76e66710@gw1\""), json);
        assertTrue(json.contains("\"siprec\":{\"metadataIds\":{\"participant:"), json);
        Map<String, Object> back = JSON.readValue(json, new TypeReference<Map<String, Object>>() { });

        SiprecDialogState restored = SiprecDialogState.fromMap(back);
        assertEquals(dialogOf(session), restored.dialog());
        assertEquals(session.ids().asMap(), restored.ids().asMap());
        assertTrue(restored.ids().asMap().containsKey("session"), restored.ids().asMap()::toString);
        assertEquals(session.sdpSessionId(), restored.sdpSessionId());
        assertEquals(MediaDirection.INACTIVE, restored.direction());

        SiprecSession continued = restored.session(SPEC, RecordingMetadataTest.SETTINGS);
        assertEquals(session.sdpVersion() + 1, continued.sdpVersion(), "the takeover offer is a new version (RFC 3264 §8)");
        assertEquals(MediaDirection.INACTIVE, continued.direction(), "a paused recording stays paused");
        assertEquals(session.metadata(), continued.metadata(), "the same metadata, with the same object ids");
        assertEquals(session.next(SPEC, MediaDirection.INACTIVE).sdp(), continued.sdp());
    }

    @Test
    void aCapturingSessionIsRestoredCapturing() {
        SiprecSession session = SiprecSession.start(SPEC, RecordingMetadataTest.SETTINGS);
        Map<String, Object> state = new SiprecDialogState(dialogOf(session), session.ids(), session.sdpSessionId()).toMap();
        assertEquals(MediaDirection.SENDONLY, SiprecDialogState.fromMap(state).direction());
    }

    @Test
    void aBrokenStateIsRefusedSayingWhatIsWrong() {
        SiprecSession session = paused();
        Map<String, Object> good = new SiprecDialogState(dialogOf(session), session.ids(), session.sdpSessionId()).toMap();

        assertEquals("dialog state: no 'siprec' object", refused(Map.of("dialog", good.get("dialog"))));
        assertEquals("dialog state: no 'dialog' object", refused(Map.of("siprec", good.get("siprec"))));

        Map<String, Object> noSessionId = new HashMap<>(good);
        noSessionId.put("siprec", Map.of("metadataIds", Map.of()));
        assertTrue(refused(noSessionId).contains("sdpSessionId is not a positive number"), refused(noSessionId));

        Map<String, Object> badId = new HashMap<>(good);
        badId.put("siprec", Map.of("metadataIds", Map.of("session", "not base64!"), "sdpSessionId", 7));
        assertTrue(refused(badId).contains("not a metadata id: session=not base64!"), refused(badId));

        Map<String, Object> noTag = new HashMap<>(good);
        Map<String, Object> dialog = new HashMap<>(dialogOf(session).toMap());
        dialog.remove("remoteTag");
        noTag.put("dialog", dialog);
        assertTrue(refused(noTag).contains("remoteTag is required"), refused(noTag));
    }

    private static String refused(Map<String, Object> state) {
        return assertThrows(IllegalArgumentException.class, () -> SiprecDialogState.fromMap(state)).getMessage();
    }
}
