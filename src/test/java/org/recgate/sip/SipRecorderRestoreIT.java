package org.recgate.sip;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recgate.sip.RecorderTestBed.only;
import static org.recgate.sip.RecorderTestBed.primary;
import static org.recgate.sip.RecorderTestBed.request;
import static org.recgate.sip.RecorderTestBed.spec;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.recgate.sip.component.SipRecorderComponent;
import org.recgate.sip.component.StackCrash;
import org.recgate.sip.takeover.StoredDialog;
import org.recgate.sip.takeover.TakeoverRequests;

/**
 * RESTORE on a real SIPREC recorder (sipp) over UDP, by a component other than the one that set
 * the session up (docs/sip-recorder.md, "Restoring a recording"). Component A starts and pauses a
 * recording; its SIP stack then stops without a BYE ({@link StackCrash}); component B, on another
 * port, restores the session from A's last dialog state alone. In the first test the recorder takes
 * the target refresh and B goes on in the original dialog (resume, stop); in the second the recorder
 * answers it 481 and B sets up a new session, still paused.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SipRecorderRestoreIT {

    private static final String ENDPOINT = "sip-recorder:session";

    @Test
    void anotherComponentTakesTheSessionOverAndGoesOnInTheOriginalDialog() throws Exception {
        try (SippRecorder recorder = SippRecorder.start("restore_reinvite.xml", "udp");
             Component a = Component.start(); Component b = Component.start()) {
            RecordingSessionSpec spec = spec(Map.of("campaign", "spring"));
            RecorderDestination destination = primary(recorder.uri());
            Map<String, Object> paused = startAndPauseThenCrash(a, spec, destination);
            StoredDialog before = StoredDialog.fromMap((Map<?, ?>) paused.get("dialog"));
            assertEquals(2, before.localCseq(), "INVITE, pause");
            assertTrue(before.sdpOffer().contains("a=inactive"), before.sdpOffer());

            DestinationResult restored = b.send(RecorderOperation.RESTORE, spec, withState(destination, paused));
            assertEquals(DestinationStatus.ESTABLISHED, restored.status(), restored::toString);
            assertFalse(restored.renewed(), "the recorder took the dialog over");
            assertEquals(recorder.uri(), restored.uri());
            assertEquals(200, restored.sipStatus());
            StoredDialog taken = dialogOf(restored);
            assertEquals(before.callId(), taken.callId());
            assertEquals(before.localTag(), taken.localTag());
            assertEquals(before.remoteTag(), taken.remoteTag());
            assertEquals(before.routeSet(), taken.routeSet(), "the route set does not change (RFC 3261 §12.2.1.2)");
            assertEquals(before.localCseq() + TakeoverRequests.CSEQ_JUMP, taken.localCseq());
            assertEquals(before.sdpVersion() + 1, taken.sdpVersion());
            assertTrue(taken.sdpOffer().contains("a=inactive"), "recovery never resumes capture: " + taken.sdpOffer());
            assertEquals(paused.get("siprec"), restored.dialogState().get("siprec"), "the same metadata ids and SDP session");

            // the recorder's OPTIONS in the dialog reaches B, which lets it in and answers it
            await().atMost(Duration.ofSeconds(10)).until(() -> recorder.receivedAnswer(200, "OPTIONS"));

            DestinationResult resumed = b.send(RecorderOperation.RESUME, spec, destination);
            assertEquals(DestinationStatus.ESTABLISHED, resumed.status(), resumed::toString);
            StoredDialog capturing = dialogOf(resumed);
            assertEquals(taken.localCseq() + 1, capturing.localCseq());
            assertTrue(capturing.sdpOffer().contains("a=sendonly"), capturing.sdpOffer());

            DestinationResult stopped = b.send(RecorderOperation.STOP, spec, destination);
            assertEquals(DestinationStatus.ENDED, stopped.status(), stopped::toString);
            assertEquals(200, stopped.sipStatus());
            recorder.assertPassed();

            List<String> log = recorder.logLines();
            assertEquals(4, log.size(), log::toString);
            String sessionId = log.get(0).substring(log.get(0).indexOf("session-id="));
            assertEquals("invite from-tag=" + before.localTag() + " contact-port=" + a.port() + " " + sessionId, log.get(0));
            assertEquals("takeover from-tag=" + before.localTag() + " contact-port=" + b.port() + " via-port=" + b.port()
                    + " " + sessionId, log.get(1), "B's Contact and Via, the same metadata session id");
            assertEquals("resume via-port=" + b.port() + " " + sessionId, log.get(2));
            assertEquals("bye via-port=" + b.port(), log.get(3));
            assertNotEquals(a.port(), b.port());
        }
    }

    @Test
    void aRecorderThatLostTheDialogGetsANewSessionStillPaused() throws Exception {
        try (SippRecorder recorder = SippRecorder.start("restore_gone.xml", "udp", 2);
             Component a = Component.start(); Component b = Component.start()) {
            RecordingSessionSpec spec = spec(Map.of());
            RecorderDestination destination = primary(recorder.uri());
            Map<String, Object> paused = startAndPauseThenCrash(a, spec, destination);
            StoredDialog before = StoredDialog.fromMap((Map<?, ?>) paused.get("dialog"));
            assertEquals(2, before.localCseq(), "INVITE, pause");
            assertTrue(before.sdpOffer().contains("a=inactive"), before.sdpOffer());

            DestinationResult restored = b.send(RecorderOperation.RESTORE, spec, withState(destination, paused));
            assertEquals(DestinationStatus.ESTABLISHED, restored.status(), restored::toString);
            assertTrue(restored.renewed(), "a new session replaced the lost dialog");
            assertEquals(recorder.uri(), restored.uri());
            StoredDialog renewed = dialogOf(restored);
            assertNotEquals(before.callId(), renewed.callId());
            assertEquals(1, renewed.localCseq());
            assertTrue(renewed.sdpOffer().contains("a=inactive") && !renewed.sdpOffer().contains("a=sendonly"),
                    "a paused recording stays paused: " + renewed.sdpOffer());

            DestinationResult stopped = b.send(RecorderOperation.STOP, spec, destination);
            assertEquals(DestinationStatus.ENDED, stopped.status(), stopped::toString);
            assertEquals(200, stopped.sipStatus());
            recorder.assertPassed();
            List<String> log = recorder.logLines();
            assertEquals(List.of("invite from-tag=" + before.localTag() + " contact-port=" + a.port(),
                    "takeover via-port=" + b.port(),
                    "renewal from-tag=" + renewed.localTag() + " contact-port=" + b.port()), log);
        }
    }

    @Test
    void anotherComponentTakesAnMsmlDialogOverAndGoesOnInIt() throws Exception {
        try (SippRecorder mediaServer = SippRecorder.start("msml_restore.xml", "udp");
             Component a = Component.start(); Component b = Component.start()) {
            RecordingSessionSpec spec = RecorderTestBed.msmlSpec(Map.of("campaign", "spring"));
            RecorderDestination destination = RecorderTestBed.msmlPrimary(mediaServer.uri());
            Map<String, Object> paused = startAndPauseThenCrash(a, spec, destination);
            StoredDialog before = StoredDialog.fromMap((Map<?, ?>) paused.get("dialog"));
            assertEquals(3, before.localCseq(), "INVITE, dialogstart, pause");
            assertEquals(Map.of("id", "r1", "role", "PRIMARY", "dest", "file:///recordings/"
                    + spec.fileName() + ".wav", "live", true, "paused", true),
                    ((List<?>) ((Map<?, ?>) paused.get("msml")).get("records")).get(0));

            DestinationResult restored = b.send(RecorderOperation.RESTORE, spec, withState(destination, paused));
            assertEquals(DestinationStatus.ESTABLISHED, restored.status(), restored::toString);
            assertFalse(restored.renewed());
            StoredDialog taken = dialogOf(restored);
            assertEquals(before.callId(), taken.callId());
            assertEquals(before.remoteTag(), taken.remoteTag());
            assertEquals(before.localCseq() + TakeoverRequests.CSEQ_JUMP, taken.localCseq());

            DestinationResult resumed = b.send(RecorderOperation.RESUME, spec, destination);
            assertEquals(DestinationStatus.ESTABLISHED, resumed.status(), resumed::toString);
            assertEquals(200, resumed.resultCode());
            DestinationResult stopped = b.send(RecorderOperation.STOP, spec, destination);
            assertEquals(DestinationStatus.ENDED, stopped.status(), stopped::toString);
            assertEquals(200, stopped.sipStatus());
            mediaServer.assertPassed();
            assertEquals(List.of("invite from-tag=" + before.localTag() + " contact-port=" + a.port(),
                    "dialogstart cseq=2 via-port=" + a.port(), "pause cseq=3 via-port=" + a.port(),
                    "takeover from-tag=" + before.localTag() + " contact-port=" + b.port() + " via-port=" + b.port(),
                    "resume cseq=1004 via-port=" + b.port(), "dialogend cseq=1005 via-port=" + b.port(),
                    "bye via-port=" + b.port()), mediaServer.logLines());
        }
    }

    @Test
    void aMediaServerThatLostTheDialogGetsANewOnePausedAgain() throws Exception {
        try (SippRecorder mediaServer = SippRecorder.start("msml_restore_gone.xml", "udp", 2);
             Component a = Component.start(); Component b = Component.start()) {
            RecordingSessionSpec spec = RecorderTestBed.msmlSpec(Map.of());
            RecorderDestination destination = RecorderTestBed.msmlPrimary(mediaServer.uri());
            Map<String, Object> paused = startAndPauseThenCrash(a, spec, destination);
            StoredDialog before = StoredDialog.fromMap((Map<?, ?>) paused.get("dialog"));

            DestinationResult restored = b.send(RecorderOperation.RESTORE, spec, withState(destination, paused));
            assertEquals(DestinationStatus.ESTABLISHED, restored.status(), restored::toString);
            assertTrue(restored.renewed(), "a new dialog replaced the lost one");
            assertEquals(200, restored.resultCode(), "the pause of the new dialog's record");
            StoredDialog renewed = dialogOf(restored);
            assertNotEquals(before.callId(), renewed.callId());
            assertEquals(Boolean.TRUE, ((Map<?, ?>) ((List<?>) ((Map<?, ?>) restored.dialogState().get("msml"))
                    .get("records")).get(0)).get("paused"), "a paused recording stays paused");

            DestinationResult stopped = b.send(RecorderOperation.STOP, spec, destination);
            assertEquals(DestinationStatus.ENDED, stopped.status(), stopped::toString);
            mediaServer.assertPassed();
            assertEquals(List.of("invite contact-port=" + a.port(), "dialogstart cseq=2 via-port=" + a.port(),
                    "pause cseq=3 via-port=" + a.port(), "takeover via-port=" + b.port(),
                    "renewal contact-port=" + b.port(), "renewal_dialogstart cseq=2 via-port=" + b.port(),
                    "renewal_pause cseq=3 via-port=" + b.port(), "renewal_dialogend cseq=4 via-port=" + b.port()),
                    mediaServer.logLines());
        }
    }

    /** START and PAUSE on A, then A's stack stops without a BYE; returns the PAUSE's dialog state. */
    private static Map<String, Object> startAndPauseThenCrash(Component a, RecordingSessionSpec spec,
                                                              RecorderDestination destination) throws Exception {
        DestinationResult started = a.send(RecorderOperation.START, spec, destination);
        assertEquals(DestinationStatus.ESTABLISHED, started.status(), started::toString);
        assertFalse(started.renewed());
        DestinationResult paused = a.send(RecorderOperation.PAUSE, spec, destination);
        assertEquals(DestinationStatus.ESTABLISHED, paused.status(), paused::toString);
        StoredDialog stored = dialogOf(paused);
        assertEquals(dialogOf(started).localCseq() + 1, stored.localCseq());
        assertEquals(dialogOf(started).callId(), stored.callId());
        StackCrash.stopWithoutBye(a.component());
        return paused.dialogState();
    }

    private static RecorderDestination withState(RecorderDestination destination, Map<String, Object> dialogState) {
        return new RecorderDestination(destination.candidates(), destination.role(), destination.dialect(), dialogState);
    }

    private static StoredDialog dialogOf(DestinationResult result) {
        assertNotNull(result.dialogState(), () -> "no dialog state in " + result);
        return StoredDialog.fromMap((Map<?, ?>) result.dialogState().get("dialog"));
    }

    /** A gateway process: a CamelContext of its own with a {@code sip-recorder} component on a free UDP port. */
    private record Component(CamelContext context, SipRecorderComponent component, ProducerTemplate template)
            implements AutoCloseable {

        static Component start() throws Exception {
            CamelContext context = new DefaultCamelContext();
            SipRecorderComponent component = TestComponents.onFreePort("udp");
            context.addComponent("sip-recorder", component);
            context.start();
            return new Component(context, component, context.createProducerTemplate());
        }

        int port() {
            return component.getConfiguration().getPort();
        }

        DestinationResult send(RecorderOperation operation, RecordingSessionSpec spec, RecorderDestination destination)
                throws Exception {
            Object body = template.asyncRequestBody(ENDPOINT, request(operation, spec, destination)).get(30, TimeUnit.SECONDS);
            RecorderResponse response = (RecorderResponse) body;
            assertEquals(operation, response.operation());
            return only(response);
        }

        @Override
        public void close() {
            context.stop();
        }
    }
}
