package org.recgate.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recgate.sip.RecorderTestBed.msmlDuplicate;
import static org.recgate.sip.RecorderTestBed.msmlPrimary;
import static org.recgate.sip.RecorderTestBed.msmlSpec;
import static org.recgate.sip.RecorderTestBed.request;
import static org.recgate.sip.RecorderTestBed.only;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.util.concurrent.TimeUnit;

/**
 * The MSML dialect (RFC 5707) against media servers played by sipp (scenarios msml_*.xml): a
 * whole recording over UDP and TCP, a duplicate as a second record, refusals by MSML result, and
 * a dialog that exits on its own. sipp checks the Request-URI and every INFO body; the test checks
 * every result the producer gives.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SipRecorderMsmlIT {

    private static final String SESSION = RecorderTestBed.UDP + ":session";

    @RegisterExtension
    static final RecorderTestBed bed = new RecorderTestBed();

    /** Over UDP the dialect comes from the URI ({@code ;dialect=msml}), over TCP from the destination. */
    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void startPauseResumeStop(String transport) throws Exception {
        boolean udp = "udp".equals(transport);
        String endpoint = (udp ? RecorderTestBed.UDP : RecorderTestBed.TCP) + ":session";
        try (SippRecorder mediaServer = SippRecorder.start("msml_lifecycle.xml", transport)) {
            RecordingSessionSpec spec = msmlSpec(Map.of("campaign", "spring"));
            String uri = udp ? mediaServer.uri() + ";dialect=msml" : mediaServer.uri();
            RecorderDestination destination = udp ? RecorderTestBed.primary(uri) : msmlPrimary(uri);

            DestinationResult started = only(bed.send(endpoint, request(RecorderOperation.START, spec, destination)));
            assertEquals(new DestinationResult(uri, DestinationRole.PRIMARY, Dialect.MSML, DestinationStatus.ESTABLISHED,
                    200, null, started.sdpAnswer(), 200).withDialogState(started.dialogState()), started);
            assertTrue(started.dialogState().containsKey("msml"), started::toString);
            assertTrue(started.sdpAnswer().contains("a=label:1\r\na=recvonly"), started.sdpAnswer());

            DestinationResult paused = only(bed.send(endpoint, request(RecorderOperation.PAUSE, spec, destination)));
            assertEquals(new DestinationResult(uri, DestinationRole.PRIMARY, Dialect.MSML, DestinationStatus.ESTABLISHED,
                    200, null, null, 200).withDialogState(paused.dialogState()), paused);
            assertTrue(paused.dialogState().containsKey("msml"), paused::toString);

            DestinationResult updated = only(bed.send(endpoint, request(RecorderOperation.UPDATE, spec, destination)));
            assertEquals(DestinationStatus.REJECTED, updated.status(), "MSML has no params update; nothing is sent");
            assertNull(updated.sipStatus());

            DestinationResult resumed = only(bed.send(endpoint, request(RecorderOperation.RESUME, spec, destination)));
            assertEquals(DestinationStatus.ESTABLISHED, resumed.status(), resumed::toString);
            assertEquals(200, resumed.resultCode());

            DestinationResult stopped = only(bed.send(endpoint, request(RecorderOperation.STOP, spec, destination)));
            assertEquals(new DestinationResult(uri, DestinationRole.PRIMARY, Dialect.MSML, DestinationStatus.ENDED,
                    200, null, null, 200), stopped);

            mediaServer.assertPassed();

            DestinationResult pauseAfterStop = only(bed.send(endpoint, request(RecorderOperation.PAUSE, spec, destination)));
            assertEquals(DestinationStatus.REJECTED, pauseAfterStop.status());
            assertTrue(pauseAfterStop.detail().startsWith("no live MSML recording dialog"), pauseAfterStop.detail());
            DestinationResult stopAfterStop = only(bed.send(endpoint, request(RecorderOperation.STOP, spec, destination)));
            assertEquals(DestinationStatus.ENDED, stopAfterStop.status());
            assertTrue(stopAfterStop.detail().endsWith("(already ended)"), stopAfterStop.detail());
        }
    }

    @Test
    void aDuplicateOnTheSameMediaServerIsASecondRecordInTheSameDialog() throws Exception {
        try (SippRecorder mediaServer = SippRecorder.start("msml_dest2.xml", "udp")) {
            RecordingSessionSpec spec = msmlSpec(Map.of("campaign", "spring"));
            String uri = mediaServer.uri();
            RecorderResponse started = bed.send(SESSION, request(RecorderOperation.START, spec,
                    msmlPrimary(uri), msmlDuplicate(uri)));
            assertEquals(List.of(DestinationRole.PRIMARY, DestinationRole.DUPLICATE),
                    started.results().stream().map(DestinationResult::role).toList());
            started.results().forEach(result -> {
                assertEquals(DestinationStatus.ESTABLISHED, result.status(), result::toString);
                assertEquals(uri, result.uri());
                assertEquals(200, result.resultCode());
            });

            List<RecorderDestination> live = List.of(RecorderDestination.of(uri, DestinationRole.PRIMARY, Dialect.MSML),
                    RecorderDestination.of(uri, DestinationRole.DUPLICATE, Dialect.MSML));
            RecorderResponse paused = bed.send(SESSION, new RecorderRequest(RecorderOperation.PAUSE, spec, live));
            paused.results().forEach(result -> assertEquals(DestinationStatus.ESTABLISHED, result.status(), result::toString));

            RecorderResponse stopped = bed.send(SESSION, new RecorderRequest(RecorderOperation.STOP, spec, live));
            stopped.results().forEach(result -> assertEquals(DestinationStatus.ENDED, result.status(), result::toString));
            assertEquals(2, stopped.results().size());
            mediaServer.assertPassed();
        }
    }

    @Test
    void aDuplicateOnAnotherMediaServerHasADialogOfItsOwn() throws Exception {
        try (SippRecorder first = SippRecorder.start("msml_answer.xml", "udp");
             SippRecorder second = SippRecorder.start("msml_answer.xml", "udp")) {
            RecordingSessionSpec spec = msmlSpec(Map.of());
            RecorderResponse started = bed.send(SESSION, request(RecorderOperation.START, spec,
                    msmlPrimary(first.uri()), msmlDuplicate(second.uri())));
            assertEquals(List.of(first.uri(), second.uri()), started.results().stream().map(DestinationResult::uri).toList());
            started.results().forEach(result -> assertEquals(DestinationStatus.ESTABLISHED, result.status(), result::toString));

            RecorderResponse stopped = bed.send(SESSION, request(RecorderOperation.STOP, spec,
                    RecorderDestination.of(first.uri(), DestinationRole.PRIMARY, Dialect.MSML),
                    RecorderDestination.of(second.uri(), DestinationRole.DUPLICATE, Dialect.MSML)));
            stopped.results().forEach(result -> assertEquals(DestinationStatus.ENDED, result.status(), result::toString));
            first.assertPassed();
            second.assertPassed();
        }
    }

    @Test
    void aNon200ResultFailsTheRequestAndLeavesTheRecordingAsItWas() throws Exception {
        try (SippRecorder mediaServer = SippRecorder.start("msml_result_error.xml", "udp")) {
            RecordingSessionSpec spec = msmlSpec(Map.of("campaign", "spring"));
            RecorderDestination destination = msmlPrimary(mediaServer.uri());
            bed.established(SESSION, RecorderOperation.START, spec, destination);

            DestinationResult refused = only(bed.send(SESSION, request(RecorderOperation.PAUSE, spec, destination)));
            assertEquals(new DestinationResult(mediaServer.uri(), DestinationRole.PRIMARY, Dialect.MSML,
                    DestinationStatus.REJECTED, 200, "MSML result 500: Internal media server error", null, 500), refused);

            DestinationResult paused = only(bed.send(SESSION, request(RecorderOperation.PAUSE, spec, destination)));
            assertEquals(DestinationStatus.ESTABLISHED, paused.status(), "the dialog is still there: " + paused);
            assertEquals(DestinationStatus.ENDED,
                    only(bed.send(SESSION, request(RecorderOperation.STOP, spec, destination))).status());
            mediaServer.assertPassed();
        }
    }

    @Test
    void aRefusedDialogstartFailsTheStartAndHangsUp() throws Exception {
        try (SippRecorder mediaServer = SippRecorder.start("msml_reject_start.xml", "udp")) {
            RecordingSessionSpec spec = msmlSpec(Map.of("campaign", "spring"));
            DestinationResult refused = only(bed.send(SESSION, request(RecorderOperation.START, spec,
                    msmlPrimary(mediaServer.uri()))));
            assertEquals(new DestinationResult(mediaServer.uri(), DestinationRole.PRIMARY, Dialect.MSML,
                    DestinationStatus.REJECTED, 200, "MSML result 431: Dialog name already in use", null, 431), refused);
            mediaServer.assertPassed();
        }
    }

    @Test
    void aDialogExitTheGatewayDidNotAskForEndsTheDestination() throws Exception {
        try (SippRecorder mediaServer = SippRecorder.start("msml_exit.xml", "udp")) {
            RecordingSessionSpec spec = msmlSpec(Map.of("campaign", "spring"));
            RecorderDestination destination = msmlPrimary(mediaServer.uri());
            bed.established(SESSION, RecorderOperation.START, spec, destination);

            RecorderEvent event = bed.nextEvent();
            assertEquals(new RecorderEvent(spec.recordingId(), mediaServer.uri(), DestinationRole.PRIMARY, null,
                    "msml.dialog.exit (dialog.exit.status=500, record.len=1000ms)"), event);
            mediaServer.assertPassed();

            DestinationResult stop = only(bed.send(SESSION, request(RecorderOperation.STOP, spec, destination)));
            assertEquals(DestinationStatus.ENDED, stop.status());
            assertNull(stop.sipStatus(), "nothing was sent: the dialog was already over");
        }
    }
}
