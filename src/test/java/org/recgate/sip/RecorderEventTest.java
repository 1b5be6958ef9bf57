package org.recgate.sip;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A RECORDER_UP event names its recorder by host and port: which recorder URIs go there (RFC 3261 §19.1.2). */
class RecorderEventTest {

    private static RecorderEvent up(String uri) {
        return new RecorderEvent(null, uri, null, null, "recorder UP again", RecorderEvent.Kind.RECORDER_UP, null);
    }

    @Test
    void aRecorderUriGoesToTheRecorderOfItsHostAndPort() {
        RecorderEvent event = up("sip:10.0.0.9:5060;transport=udp");
        assertTrue(event.recorderUp());
        assertTrue(event.isAt("sip:srs@10.0.0.9:5060"));
        assertTrue(event.isAt("sip:srs@10.0.0.9"), "no port: 5060 over udp");
        assertFalse(event.isAt("sip:srs@10.0.0.9:5070"));
        assertFalse(event.isAt("sip:srs@10.0.0.8:5060"));
        assertFalse(event.isAt("not a uri"));
    }

    @Test
    void overTlsAUriWithoutPortGoesTo5061() {
        RecorderEvent event = up("sip:10.0.0.9:5061;transport=tls");
        assertTrue(event.isAt("sip:srs@10.0.0.9"));
        assertFalse(up("sip:10.0.0.9:5060;transport=tls").isAt("sip:srs@10.0.0.9"));
    }
}
