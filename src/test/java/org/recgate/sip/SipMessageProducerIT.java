package org.recgate.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.recgate.sip.component.SipMessageProducer;
import org.recgate.testing.FreePorts;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The MESSAGE producer ({@code messageTo}) on the real component, with sipp as a target. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SipMessageProducerIT {

    private static final String START = "{\"schema\":\"screen-capture/1\",\"screenCapture\":\"start\"}";

    @RegisterExtension
    static final RecorderTestBed bed = new RecorderTestBed();

    @SuppressWarnings("unchecked")
    private static List<MessageResult> send(String endpointUri, String body) throws Exception {
        return (List<MessageResult>) bed.template().asyncRequestBody(endpointUri, body).get(30, TimeUnit.SECONDS);
    }

    @Test
    void eachTargetHasItsResultInOrder() throws Exception {
        String silent = "sip:screen@127.0.0.1:" + FreePorts.free("udp");
        try (SippRecorder busy = SippRecorder.start("screen_reject_486.xml", "udp")) {
            List<MessageResult> results = send(RecorderTestBed.UDP + ":message?timeoutMs=500&messageTo=RAW("
                    + silent + ", " + busy.uri("screen") + ")", START);
            assertEquals(List.of(new MessageResult(silent, false, null, "no final answer within 500 ms"),
                    new MessageResult(busy.uri("screen"), false, 486, "486 Busy Here")), results);
            busy.assertPassed();
        }
    }

    @Test
    void aMessageTooLargeForUdpIsNotSent() throws Exception {
        String target = "sip:screen@127.0.0.1:" + FreePorts.free("udp");
        String large = "{\"note\":\"" + "x".repeat(SipMessageProducer.MAX_UDP_MESSAGE_BYTES) + "\"}";
        long sent = System.nanoTime();
        MessageResult result = send(RecorderTestBed.UDP + ":message?timeoutMs=5000&messageTo=" + target, large).get(0);
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent) < 5000, "refused at once, not timed out");
        assertFalse(result.delivered());
        assertNull(result.sipStatus());
        assertTrue(result.detail().contains("RFC 3428 §9"), result.detail());
    }
}
