package org.recgate.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recgate.sip.RecorderTestBed.primary;
import static org.recgate.sip.RecorderTestBed.request;
import static org.recgate.sip.RecorderTestBed.spec;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code sip-recorder:session} with and without {@code batch}: the option, not the body's type,
 * says whether the body is one request or a list. Requests for recordings without a dialog are
 * answered at once, so no recorder is needed (the component's SIP stack still runs).
 */
class SipRecorderBatchTest {

    private static RecorderTestBed bed;
    private static ProducerTemplate template;

    @BeforeAll
    static void start() throws Exception {
        bed = new RecorderTestBed();
        template = bed.context().createProducerTemplate();
    }

    @AfterAll
    static void stop() {
        bed.close();
    }

    @Test
    void aBatchIsAnsweredWithAListOfResponsesInRequestOrder() throws Exception {
        RecorderRequest first = request(RecorderOperation.PAUSE, spec(Map.of()), primary("sip:srs@192.0.2.1"));
        RecorderRequest second = request(RecorderOperation.STOP, spec(Map.of()), primary("sip:srs@192.0.2.2"));
        Object body = template.asyncRequestBody("sip-recorder:session?batch=true", List.of(first, second))
                .get(10, TimeUnit.SECONDS);
        List<?> responses = assertInstanceOf(List.class, body);
        assertEquals(2, responses.size());
        RecorderResponse paused = assertInstanceOf(RecorderResponse.class, responses.get(0));
        RecorderResponse stopped = assertInstanceOf(RecorderResponse.class, responses.get(1));
        assertEquals(first.session().recordingId(), paused.recordingId());
        assertEquals(RecorderOperation.PAUSE, paused.operation());
        assertEquals(DestinationStatus.REJECTED, paused.results().get(0).status());
        assertEquals(second.session().recordingId(), stopped.recordingId());
        assertEquals(DestinationStatus.ENDED, stopped.results().get(0).status(), "STOP of nothing: already ended");
    }

    @Test
    void withoutBatchOneRequestGivesOneResponseAndItsHeaders() {
        RecorderRequest pause = request(RecorderOperation.PAUSE, spec(Map.of()), primary("sip:srs@192.0.2.1"));
        Exchange done = template.request("sip-recorder:session", e -> e.getIn().setBody(pause));
        RecorderResponse response = assertInstanceOf(RecorderResponse.class, done.getMessage().getBody());
        assertEquals(pause.session().recordingId(), response.recordingId());
        assertEquals(pause.session().recordingId(), done.getMessage().getHeader(SipRecorderConstants.RECORDING_ID));
        assertEquals(RecorderOperation.PAUSE, done.getMessage().getHeader(SipRecorderConstants.OPERATION));
    }

    @Test
    void aListWithoutBatchIsRefused() {
        RecorderRequest pause = request(RecorderOperation.PAUSE, spec(Map.of()), primary("sip:srs@192.0.2.1"));
        Exception error = failure("sip-recorder:session", List.of(pause));
        assertInstanceOf(IllegalArgumentException.class, error);
        assertTrue(error.getMessage().contains("needs batch=true"), error.getMessage());
    }

    @Test
    void aBatchEndpointTakesOnlyAList() {
        RecorderRequest pause = request(RecorderOperation.PAUSE, spec(Map.of()), primary("sip:srs@192.0.2.1"));
        Exception error = failure("sip-recorder:session?batch=true", pause);
        assertInstanceOf(IllegalArgumentException.class, error);
        assertTrue(error.getMessage().contains("batch=true takes a List of RecorderRequests, not a "
                + RecorderRequest.class.getName()), error.getMessage());
        assertInstanceOf(InvalidPayloadException.class, failure("sip-recorder:session?batch=true", List.of(pause, "stop")));
    }

    private static Exception failure(String uri, Object body) {
        Exchange done = template.request(uri, e -> e.getIn().setBody(body));
        Exception error = done.getException();
        assertTrue(error != null, "the exchange should have failed");
        return error;
    }
}
