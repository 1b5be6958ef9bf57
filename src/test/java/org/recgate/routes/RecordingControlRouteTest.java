package org.recgate.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.recgate.sip.DestinationStatus;
import org.recgate.sip.RecorderOperation;
import org.recgate.tlib.model.Attr;
import org.recgate.tlib.model.TlibMessage;

/**
 * recording-control.camel.yaml: RequestPrivateService, the choice on AttrPrivateMsgID by name or by the numbers of
 * recgate.private-msg.* (anything else 51), one batch of requests to sip-recorder:session (a {@link FakeRecorder}),
 * the state, the indications sent before the answer, and EventACK or the recorder's EventError (docs/protocol.md,
 * RequestPrivateService). The call comes in by the real call feed.
 */
@CamelMainTest(propertyPlaceholderLocations = {RouteTestSupport.TEST_SETTINGS, RouteTestSupport.SETTINGS},
        properties = RouteFiles.LOAD + RouteFiles.RECORDING_CONTROL + RouteFiles.CALL_FLOW + RouteFiles.RECORDING_FLOW,
        mockEndpointsAndSkip = "((kafka|sip-recorder):.*|direct:audit)")
class RecordingControlRouteTest extends RecordingRouteTestSupport {

    private RouteClient desktop;

    @BeforeEach
    void aCallOfARegisteredDn() {
        desktop = client("desktop").register("1001");
        established(CALL, "1001", "5000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GSIP_RECORD_START", "3013"})
    void startByNameOrNumberRecordsTheDnAndAnswersOnceTheRecorderDid(String start) {
        TlibMessage ack = privateService(desktop, start, "1001", Map.of("id", "rec-1"));

        assertEquals("EventACK", ack.name());
        assertEquals(start, ack.string(Attr.PRIVATE_MSG_ID));
        assertEquals("rec-1", ack.kvList(Attr.EXTENSIONS).get("id"));
        assertEquals("source", ack.kvList(Attr.EXTENSIONS).get("record"));
        assertEquals(List.of(RecorderOperation.START), recorder.operations());
        assertEquals("rec-1", recorder.requests().get(0).session().recordingId());
        TlibMessage indication = desktop.received("EventAttachedDataChanged").get(0);
        assertEquals("On", indication.kvList(Attr.USER_DATA).get("GSIP_RECORD"), "told before the answer: " + indication);
    }

    @Test
    void eachOperationByItsConfiguredNumber() {
        for (String operation : List.of("3013", "3015", "3016", "3014")) {
            assertEquals("EventACK", privateService(desktop, operation, "1001").name(), operation);
        }

        assertEquals(List.of(RecorderOperation.START, RecorderOperation.PAUSE, RecorderOperation.RESUME, RecorderOperation.STOP),
                recorder.operations());
        assertEquals(List.of("Off>On:request", "On>Paused:request", "Paused>On:request", "On>Off:request"),
                awaitIndications(4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"GSIP_RECORD_MUTE", "3017"})
    void anyOtherPrivateMsgIdIsRefusedWith51(String privateMsgId) {
        TlibMessage error = privateService(desktop, privateMsgId, "1001");

        assertEquals(51L, error.number(Attr.ERROR_CODE));
        assertTrue(error.string(Attr.ERROR_MESSAGE).contains(privateMsgId), error::toString);
        assertTrue(recorder.requests().isEmpty());
    }

    @Test
    void aRecorderThatRefusesIsTheClientsErrorAndLeavesNoRecording() {
        recorder.failWith(DestinationStatus.REJECTED);

        TlibMessage error = privateService(desktop, "GSIP_RECORD_START", "1001");
        recorder.succeed();
        TlibMessage again = privateService(desktop, "GSIP_RECORD_START", "1001");

        assertEquals(2005L, error.number(Attr.ERROR_CODE));
        assertEquals(486L, ((Number) error.kvList(Attr.EXTENSIONS).get("sip-status")).longValue());
        assertEquals("EventACK", again.name(), "nothing half-started: " + again);
        assertEquals(List.of("Off>On:request"), awaitIndications(1));
    }

    @Test
    void aRequestWithoutItsAttributesOrForADnNotRegisteredIsRefused() {
        TlibMessage noConnection = desktop.request(PRIVATE_SERVICE, desktop.message("RequestPrivateService")
                .with(Attr.PRIVATE_MSG_ID, "GSIP_RECORD_START").with(Attr.THIS_DN, "1001"));
        TlibMessage notRegistered = privateService(desktop, "GSIP_RECORD_START", "1002");

        assertEquals(53L, noConnection.number(Attr.ERROR_CODE));
        assertEquals(41L, notRegistered.number(Attr.ERROR_CODE));
        assertTrue(recorder.requests().isEmpty());
    }

    /** recgate.private-msg.start set to another number: that one starts, the default one does not. */
    @Nested
    @CamelMainTest(properties = "recgate.private-msg.start=9013")
    class WithOtherNumbers {

        @Test
        void theConfiguredNumberStartsAndTheDefaultOneIsUnknown() {
            TlibMessage unknown = privateService(desktop, "3013", "1001");
            TlibMessage ack = privateService(desktop, "9013", "1001");

            assertEquals(51L, unknown.number(Attr.ERROR_CODE));
            assertEquals("EventACK", ack.name());
            assertEquals(List.of(RecorderOperation.START), recorder.operations());
        }
    }
}
