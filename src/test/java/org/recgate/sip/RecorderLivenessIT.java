package org.recgate.sip;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recgate.sip.RecorderTestBed.only;
import static org.recgate.sip.RecorderTestBed.primary;
import static org.recgate.sip.RecorderTestBed.request;
import static org.recgate.sip.RecorderTestBed.spec;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.recgate.sip.component.SipRecorderComponent;

/**
 * Recorder liveness against sipp recorders that are really killed (SIGKILL) and started again:
 * OPTIONS keepalives every 300 ms, DOWN after 3 missed, shown in the {@code recorders} health check
 * and {@code recgate_recorder_up}; a new recording skips the DOWN recorder.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RecorderLivenessIT {

    private static final String SESSION = "sip-recorder:session?timeoutMs=2000";
    private static final String SCENARIO = "srs_keepalive.xml";
    private static final Duration DETECTED = Duration.ofSeconds(10);

    @Test
    void aKilledRecorderIsDownSkippedForNewRecordingsAndUpWhenItComesBack() throws Exception {
        SippRecorder a = SippRecorder.start(SCENARIO, "udp", 100_000, "-timeout", "110s");
        SippRecorder b = SippRecorder.start(SCENARIO, "udp", 100_000, "-timeout", "110s");
        SippRecorder aAgain = null;
        MeterRegistry meters = new SimpleMeterRegistry();
        CamelContext context = new DefaultCamelContext();
        try {
            context.getRegistry().bind("meters", meters);
            SipRecorderComponent component = TestComponents.onFreePort("udp");
            component.setKeepaliveRecorders(a.uri() + "," + b.uri());
            component.setKeepaliveMs(300);
            component.setKeepaliveFailures(3);
            context.addComponent("sip-recorder", component);
            context.start();
            HealthCheck recorders = HealthCheckRegistry.get(context).getCheck("recorders").orElseThrow();
            String keyA = "127.0.0.1:" + a.port();
            String keyB = "127.0.0.1:" + b.port();

            // (1) both answer: UP in health, 1 in metrics, and round trips measured
            await().atMost(DETECTED).until(() -> a.received("OPTIONS") >= 2 && b.received("OPTIONS") >= 2);
            HealthCheck.Result up = recorders.call();
            assertEquals(HealthCheck.State.UP, up.getState(), up::toString);
            assertTrue(String.valueOf(up.getDetails().get(keyA)).startsWith("UP since"), up.getDetails()::toString);
            assertTrue(String.valueOf(up.getDetails().get(keyB)).startsWith("UP since"), up.getDetails()::toString);
            assertEquals(1.0, recorderUp(meters, keyA));
            Timer roundTrips = meters.get("recgate.recorder.keepalive").timer();
            assertTrue(roundTrips.count() >= 2, "keepalive round trips recorded: " + roundTrips.count());

            // (2) A killed: DOWN within keepalive x failures (with room for a loaded machine), B still UP
            a.kill();
            await().atMost(DETECTED).until(() -> recorderUp(meters, keyA) == 0.0);
            HealthCheck.Result oneDown = recorders.call();
            assertEquals(HealthCheck.State.UP, oneDown.getState(), "one recorder left: still ready");
            assertTrue(String.valueOf(oneDown.getDetails().get(keyA)).startsWith("DOWN since"), oneDown.getDetails()::toString);
            assertTrue(String.valueOf(oneDown.getDetails().get(keyA)).contains("keepalives missed"), oneDown.getDetails()::toString);
            assertTrue(String.valueOf(oneDown.getDetails().get(keyB)).startsWith("UP since"), oneDown.getDetails()::toString);
            assertEquals(1.0, recorderUp(meters, keyB));

            // (3) a new recording with A first in its list goes straight to B
            ProducerTemplate template = context.createProducerTemplate();
            RecordingSessionSpec spec = spec(Map.of());
            RecorderResponse started = (RecorderResponse) template.asyncRequestBody(SESSION,
                    request(RecorderOperation.START, spec, primary(a.uri(), b.uri()))).get(30, TimeUnit.SECONDS);
            DestinationResult result = only(started);
            assertEquals(DestinationStatus.ESTABLISHED, result.status(), result::toString);
            assertEquals(b.uri(), result.uri(), "the DOWN recorder is skipped");
            assertEquals(1, b.received("INVITE"), "B got the INVITE");

            // (4) a recorder on A's port again: UP again; it never got an INVITE
            aAgain = SippRecorder.startOn(a.port(), SCENARIO, "udp", 100_000, "-timeout", "110s");
            SippRecorder restarted = aAgain;
            await().atMost(DETECTED).until(() -> recorderUp(meters, keyA) == 1.0);
            assertTrue(String.valueOf(recorders.call().getDetails().get(keyA)).startsWith("UP since"));
            assertTrue(restarted.received("OPTIONS") >= 1);
            assertEquals(0, restarted.received("INVITE") + a.received("INVITE"), "A got no INVITE");

            RecorderResponse stopped = (RecorderResponse) template.asyncRequestBody(SESSION,
                    request(RecorderOperation.STOP, spec, RecorderDestination.of(b.uri(), DestinationRole.PRIMARY,
                            Dialect.SIPREC))).get(30, TimeUnit.SECONDS);
            assertEquals(DestinationStatus.ENDED, only(stopped).status(), stopped::toString);
        } finally {
            context.stop();
            a.close();
            b.close();
            if (aAgain != null) {
                aAgain.close();
            }
        }
    }

    @Test
    void anUnansweredRequestInADialogMarksItsRecorderDownAtOnce() throws Exception {
        SippRecorder recorder = SippRecorder.start(SCENARIO, "udp", 100_000, "-timeout", "110s");
        CamelContext context = new DefaultCamelContext();
        try {
            SipRecorderComponent component = TestComponents.onFreePort("udp"); // no keepalives: only the dialog tells
            component.setKeepaliveFailures(3);
            context.addComponent("sip-recorder", component);
            context.start();
            HealthCheck recorders = HealthCheckRegistry.get(context).getCheck("recorders").orElseThrow();
            String key = "127.0.0.1:" + recorder.port();
            ProducerTemplate template = context.createProducerTemplate();
            RecordingSessionSpec spec = spec(Map.of());
            DestinationResult started = only((RecorderResponse) template.asyncRequestBody(SESSION,
                    request(RecorderOperation.START, spec, primary(recorder.uri()))).get(30, TimeUnit.SECONDS));
            assertEquals(DestinationStatus.ESTABLISHED, started.status(), started::toString);

            recorder.kill();
            DestinationResult paused = only((RecorderResponse) template.asyncRequestBody(
                    "sip-recorder:session?timeoutMs=500", request(RecorderOperation.PAUSE, spec,
                            RecorderDestination.of(recorder.uri(), DestinationRole.PRIMARY, Dialect.SIPREC)))
                    .get(30, TimeUnit.SECONDS));
            assertEquals(DestinationStatus.TIMEOUT, paused.status(), paused::toString);
            await().atMost(DETECTED).until(() -> String.valueOf(recorders.call().getDetails().get(key)).startsWith("DOWN"));
            HealthCheck.Result allDown = recorders.call();
            assertTrue(String.valueOf(allDown.getDetails().get(key)).contains("INVITE in a dialog"), allDown.getDetails()::toString);
            assertEquals(HealthCheck.State.DOWN, allDown.getState(), "its only recorder is DOWN: not ready");
        } finally {
            context.stop();
            recorder.close();
        }
    }

    /** {@code recgate_recorder_up{recorder}}; -1 before the series exists. */
    private static double recorderUp(MeterRegistry meters, String recorder) {
        var gauge = meters.find("recgate.recorder.up").tag("recorder", recorder).gauge();
        return gauge == null ? -1 : gauge.value();
    }
}
