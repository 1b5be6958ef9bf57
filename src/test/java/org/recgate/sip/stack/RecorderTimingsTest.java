package org.recgate.sip.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import javax.sip.SipFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;

/** Answer times by method and recorder, and failures by reason, from real JAIN-SIP messages. */
class RecorderTimingsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RecorderTimings timings = new RecorderTimings(registry);

    private static Request request(String method, String uri) throws Exception {
        String text = method + " " + uri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK1\r\n"
                + "From: <sip:recgate@127.0.0.1>;tag=1\r\nTo: <" + uri + ">\r\n"
                + "Call-ID: c1@127.0.0.1\r\nCSeq: 1 " + method + "\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
        return SipFactory.getInstance().createMessageFactory().createRequest(text);
    }

    private static SipOutcome answer(Request request, int status) throws Exception {
        MessageFactory messages = SipFactory.getInstance().createMessageFactory();
        Response response = messages.createResponse(status, request);
        return SipOutcome.answered(response, null);
    }

    private static PendingRequest sent(Request request) {
        PendingRequest pending = new PendingRequest(outcome -> { });
        pending.sending(request);
        return pending;
    }

    private double failures(String recorder, String reason) {
        var counter = registry.find("recgate.recorder.failures").tags("recorder", recorder, "reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void answersAreTimedByMethodAndRecorder() throws Exception {
        Request invite = request("INVITE", "sip:srs@10.0.0.5:5080");
        timings.ended(sent(invite), answer(invite, 200));
        Request bye = request("BYE", "sip:srs@Recorder.Example;transport=udp");
        timings.ended(sent(bye), answer(bye, 200));

        assertEquals(1, registry.get("recgate.recorder.response").tags("method", "INVITE", "recorder", "10.0.0.5:5080")
                .timer().count());
        assertEquals(1, registry.get("recgate.recorder.response").tags("method", "BYE", "recorder", "recorder.example:5060")
                .timer().count(), "no port: SIP's 5060, host in lower case");
        assertEquals(0, failures("10.0.0.5:5080", "rejected"));
    }

    @Test
    void refusalsTimeoutsAndSendFailuresAreCountedByReason() throws Exception {
        Request invite = request("INVITE", "sip:srs@10.0.0.5:5080");
        timings.ended(sent(invite), answer(invite, 486));
        timings.ended(sent(invite), SipOutcome.timedOut("no final answer within 2000 ms"));
        timings.unreachable(invite);

        assertEquals(1, failures("10.0.0.5:5080", "rejected"));
        assertEquals(1, failures("10.0.0.5:5080", "timeout"));
        assertEquals(1, failures("10.0.0.5:5080", "unreachable"));
        assertEquals(1, registry.get("recgate.recorder.response").tags("method", "INVITE").timer().count(),
                "a refusal is an answer, and timed; a timeout is not");
    }

    @Test
    void whatWasNeverSentOrWasAbandonedAtStopIsNotCounted() throws Exception {
        timings.ended(new PendingRequest(outcome -> { }), SipOutcome.timedOut("waited for a worker thread"));
        timings.ended(sent(request("INVITE", "sip:srs@10.0.0.5:5080")), SipOutcome.notSent("the SIP user agent is stopping"));

        assertNull(registry.find("recgate.recorder.failures").counter());
        assertNull(registry.find("recgate.recorder.response").timer());
    }
}
