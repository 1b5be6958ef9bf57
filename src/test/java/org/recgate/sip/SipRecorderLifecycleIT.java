package org.recgate.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recgate.sip.RecorderTestBed.only;
import static org.recgate.sip.RecorderTestBed.primary;
import static org.recgate.sip.RecorderTestBed.request;
import static org.recgate.sip.RecorderTestBed.spec;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.util.concurrent.TimeUnit;

/**
 * A whole recording on a real SIPREC recorder (sipp, srs_lifecycle.xml) over UDP and over TCP:
 * start, pause, resume, update, stop. sipp checks every request it gets; the test checks every
 * response the producer gives.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SipRecorderLifecycleIT {

    @RegisterExtension
    static final RecorderTestBed bed = new RecorderTestBed();

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void startPauseResumeUpdateStop(String transport) throws Exception {
        String endpoint = ("udp".equals(transport) ? RecorderTestBed.UDP : RecorderTestBed.TCP) + ":session";
        try (SippRecorder recorder = SippRecorder.start("srs_lifecycle.xml", transport)) {
            RecordingSessionSpec spec = spec(Map.of("campaign", "spring"));
            RecorderDestination destination = primary(recorder.uri());

            RecorderResponse started = bed.send(endpoint, request(RecorderOperation.START, spec, destination));
            assertEquals(RecorderOperation.START, started.operation());
            assertEquals(spec.recordingId(), started.recordingId());
            DestinationResult setup = only(started);
            assertEquals(new DestinationResult(recorder.uri(), DestinationRole.PRIMARY, Dialect.SIPREC,
                    DestinationStatus.ESTABLISHED, 200, null, setup.sdpAnswer()).withDialogState(setup.dialogState()), setup);
            assertTrue(setup.dialogState().containsKey("dialog"), setup::toString);
            assertTrue(setup.sdpAnswer().contains("a=label:1\r\na=recvonly"), setup.sdpAnswer());

            DestinationResult paused = only(bed.send(endpoint, request(RecorderOperation.PAUSE, spec, destination)));
            assertEquals(DestinationStatus.ESTABLISHED, paused.status());
            assertEquals(200, paused.sipStatus());
            assertTrue(paused.sdpAnswer().contains("a=inactive"), paused.sdpAnswer());

            DestinationResult resumed = only(bed.send(endpoint, request(RecorderOperation.RESUME, spec, destination)));
            assertEquals(DestinationStatus.ESTABLISHED, resumed.status());
            assertTrue(resumed.sdpAnswer().contains("a=recvonly"), resumed.sdpAnswer());

            RecordingSessionSpec autumn = new RecordingSessionSpec(spec.recordingId(), spec.connectionId(), spec.callUuid(),
                    spec.recordedDn(), spec.side(), spec.participants(), Map.of("campaign", "autumn"), spec.fileName(),
                    spec.startTime());
            DestinationResult updated = only(bed.send(endpoint, request(RecorderOperation.UPDATE, autumn, destination)));
            assertEquals(DestinationStatus.ESTABLISHED, updated.status());

            // the recording as it now is: params the recorder already has, so a plain BYE (srs_stop_params.xml has the other case)
            DestinationResult stopped = only(bed.send(endpoint, request(RecorderOperation.STOP, autumn, destination)));
            assertEquals(DestinationStatus.ENDED, stopped.status());
            assertEquals(200, stopped.sipStatus());
            assertNull(stopped.detail());

            recorder.assertPassed();

            DestinationResult pauseAfterStop = only(bed.send(endpoint, request(RecorderOperation.PAUSE, spec, destination)));
            assertEquals(DestinationStatus.REJECTED, pauseAfterStop.status());
            assertNull(pauseAfterStop.sipStatus());
            assertTrue(pauseAfterStop.detail().startsWith("no live recording session"), pauseAfterStop.detail());
            DestinationResult stopAfterStop = only(bed.send(endpoint, request(RecorderOperation.STOP, spec, destination)));
            assertEquals(DestinationStatus.ENDED, stopAfterStop.status());
            assertTrue(stopAfterStop.detail().endsWith("(already ended)"), stopAfterStop.detail());
        }
    }
}
