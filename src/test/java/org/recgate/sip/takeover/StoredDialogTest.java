package org.recgate.sip.takeover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.recgate.sip.session.MediaDirection;
import org.recgate.sip.session.SdpOffer;

class StoredDialogTest {

    static final String OFFER = SdpOffer.render("10.0.0.5", 40000, 4711, 2, MediaDirection.INACTIVE);

    static StoredDialog stored(long cseq, List<String> routes) {
        return new StoredDialog("a84b4c76e66710@gw1", "1928301774", "314159", "<sip:recgate@example.com>",
                "<sip:srs@recorder.example.com>", "sip:srs@10.0.0.9:5060", routes, cseq, "udp",
                "sip:srs@recorder.example.com", OFFER, 2, "v=0\r\no=srs 1 2 IN IP4 10.0.0.9\r\n");
    }

    @Test
    void survivesJsonAsItWouldSitInTheStateTopic() {
        StoredDialog dialog = stored(2, List.of("<sip:p1.example.com;lr>", "<sip:p2.example.com;lr>"));
        String json = dialog.toJson();
        assertEquals(dialog, StoredDialog.fromJson(json));
        assertTrue(json.contains("\"routeSet\":[\"<sip:p1.example.com;lr>\",\"<sip:p2.example.com;lr>\"]"), json);
        assertTrue(json.contains("\"localCseq\":2"), json);
    }

    @Test
    void fieldsANewerWriterAddsAreIgnored() {
        String json = stored(2, List.of()).toJson().replace("{", "{\"metadataIds\":{\"session\":\"x\"},");
        assertEquals(stored(2, List.of()), StoredDialog.fromJson(json));
    }

    @Test
    void aRecordWithoutARequiredFieldIsRefusedNamingIt() {
        String json = stored(2, List.of()).toJson().replace("\"remoteTag\":\"314159\",", "");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> StoredDialog.fromJson(json));
        assertTrue(refused.getMessage().contains("remoteTag is required"), refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StoredDialog.fromJson("not json"));
    }

    @Test
    void theVersionMustBeTheOffersOwn() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new StoredDialog("c", "l", "r", "<sip:a@b>", "<sip:c@d>", "sip:c@d", List.of(), 1, "udp",
                        "sip:c@d", OFFER, 3, null));
        assertEquals("sdpVersion 3 is not the offer's o= version 2", refused.getMessage());
    }

    @Test
    void theCseqIsA32BitUnsignedNumberAboveZero() {
        assertThrows(IllegalArgumentException.class, () -> stored(0, List.of()));
        assertThrows(IllegalArgumentException.class, () -> stored(StoredDialog.MAX_CSEQ + 1, List.of()));
        assertEquals(StoredDialog.MAX_CSEQ, stored(StoredDialog.MAX_CSEQ, List.of()).localCseq());
    }

    @Test
    void survivesAMapOfPlainValuesAsAResultCarriesIt() {
        StoredDialog dialog = stored(2, List.of("<sip:p1.example.com;lr>"));
        java.util.Map<String, Object> map = dialog.toMap();
        assertEquals(List.of("<sip:p1.example.com;lr>"), map.get("routeSet"));
        assertEquals("a84b4c76e66710@gw1", map.get("callId"));
        assertEquals(dialog, StoredDialog.fromMap(map));
        java.util.Map<String, Object> broken = new java.util.HashMap<>(map);
        broken.put("localCseq", 0);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> StoredDialog.fromMap(broken));
        assertTrue(refused.getMessage().contains("localCseq must be 1.."), refused.getMessage());
    }

    @Test
    void theMapIsWhatJacksonsConversionGives() {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.core.type.TypeReference<java.util.Map<String, Object>> map = new com.fasterxml.jackson.core.type.TypeReference<>() { };
        for (StoredDialog dialog : List.of(stored(2, List.of("<sip:p1.example.com;lr>", "<sip:p2.example.com;lr>")),
                stored(StoredDialog.MAX_CSEQ, List.of()),
                new StoredDialog("c", "l", "r", "<sip:a@b>", "<sip:c@d>", "sip:c@d", List.of(), 1, "tcp", "sip:c@d",
                        SdpOffer.render("10.0.0.5", 40000, 4711, 3_000_000_000L, MediaDirection.SENDONLY), 3_000_000_000L, null))) {
            java.util.Map<String, Object> expected = json.convertValue(dialog, map);
            assertEquals(expected, dialog.toMap());
            assertEquals(List.copyOf(expected.keySet()), List.copyOf(dialog.toMap().keySet()));
        }
    }

    @Test
    void noRouteSetIsAnEmptyOne() {
        assertEquals(List.of(), stored(1, null).routeSet());
    }
}
