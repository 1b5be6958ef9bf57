package org.recgate.sip.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SdpAnswerTest {

    /** The gateway's offer (docs/sip-recorder.md), with {@code DIRECTION} on every m-line. */
    private static final String OFFER = String.join("\r\n",
            "v=0", "o=- 4918037710520778704 1 IN IP4 127.0.0.1", "s=RecGate recording", "c=IN IP4 127.0.0.1", "t=0 0",
            "m=audio 40000 RTP/AVP 0 8", "a=rtpmap:0 PCMU/8000", "a=rtpmap:8 PCMA/8000", "a=label:1", "a=DIRECTION",
            "m=audio 40002 RTP/AVP 0 8", "a=rtpmap:0 PCMU/8000", "a=rtpmap:8 PCMA/8000", "a=label:2", "a=DIRECTION", "");

    @Test
    void capturingIsAnsweredRecvonlyWithTheLabels() {
        SdpAnswer answer = SdpAnswer.answer(OFFER.replace("DIRECTION", "sendonly"), "127.0.0.1", 42, 1);

        assertEquals(String.join("\r\n",
                "v=0", "o=recgate-demo 42 1 IN IP4 127.0.0.1", "s=RecGate demo recorder", "c=IN IP4 127.0.0.1", "t=0 0",
                "m=audio 9 RTP/AVP 0", "a=rtpmap:0 PCMU/8000", "a=label:1", "a=recvonly",
                "m=audio 9 RTP/AVP 0", "a=rtpmap:0 PCMU/8000", "a=label:2", "a=recvonly", ""), answer.text());
        assertFalse(answer.paused());
    }

    @Test
    void pausedIsAnsweredInactive() {
        SdpAnswer answer = SdpAnswer.answer(OFFER.replace("DIRECTION", "inactive"), "127.0.0.1", 42, 2);

        assertTrue(answer.text().contains("a=label:1\r\na=inactive\r\nm=audio"), answer.text());
        assertTrue(answer.text().endsWith("a=label:2\r\na=inactive\r\n"), answer.text());
        assertTrue(answer.text().contains("o=recgate-demo 42 2 IN IP4"), answer.text());
        assertTrue(answer.paused());
    }

    @Test
    void sessionLevelDirectionAndRejectedStreams() {
        String offer = "v=0\nc=IN IP4 10.0.0.1\na=sendrecv\nt=0 0\nm=audio 0 RTP/AVP 0\nm=audio 5000 RTP/AVP 18\na=label:b\n";
        SdpAnswer answer = SdpAnswer.answer(offer, "::1", 1, 1);

        assertTrue(answer.text().contains("c=IN IP6 ::1"), answer.text());
        assertTrue(answer.text().contains("m=audio 0 RTP/AVP 0\r\nm=audio 9 RTP/AVP 18\r\na=label:b\r\na=recvonly"),
                answer.text());
        assertFalse(answer.paused());
    }

    @Test
    void anOfferWithoutMediaIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SdpAnswer.answer("v=0\r\nt=0 0\r\n", "127.0.0.1", 1, 1));
    }
}
