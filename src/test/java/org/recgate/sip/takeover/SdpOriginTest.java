package org.recgate.sip.takeover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.recgate.sip.session.MediaDirection;
import org.recgate.sip.session.SdpOffer;

class SdpOriginTest {

    private static final String OFFER = SdpOffer.render("10.0.0.5", 40000, 4711, 7, MediaDirection.INACTIVE);

    @Test
    void readsTheSessionVersionOfTheOriginLine() {
        assertEquals(7, SdpOrigin.version(OFFER));
    }

    @Test
    void changesOnlyTheVersion() {
        String next = SdpOrigin.withVersion(OFFER, 8);
        assertEquals(8, SdpOrigin.version(next));
        assertEquals(OFFER.replace("o=- 4711 7 IN IP4", "o=- 4711 8 IN IP4"), next);
        assertTrue(next.contains("a=inactive\r\n"), next);
    }

    @Test
    void aSessionIdThatLooksLikeAVersionIsLeftAlone() {
        String sdp = "v=0\r\no=alice 7 7 IN IP4 10.0.0.1\r\ns=-\r\n";
        assertEquals("v=0\r\no=alice 7 8 IN IP4 10.0.0.1\r\ns=-\r\n", SdpOrigin.withVersion(sdp, 8));
    }

    @Test
    void anSdpWithoutAnOriginIsRefusedSayingSo() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> SdpOrigin.version("v=0\r\ns=-\r\n"));
        assertEquals("the SDP has no o= line with a numeric version", missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SdpOrigin.version("v=0\r\no=- 1 x IN IP4 h\r\n"));
        assertThrows(IllegalArgumentException.class, () -> SdpOrigin.version(null));
        assertThrows(IllegalArgumentException.class, () -> SdpOrigin.withVersion(OFFER, -1));
    }
}
