package org.recgate.routes;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.recgate.call.Call;
import org.recgate.call.CallRegistry;
import org.recgate.config.DnDirectory;
import org.recgate.config.DnFile;
import org.recgate.gateway.recording.RecordingOutcomes;
import org.recgate.recording.Cause;
import org.recgate.recording.FileNameTemplate;
import org.recgate.recording.RecorderPolicy;
import org.recgate.recording.RecorderRequests;
import org.recgate.recording.RecorderTask;
import org.recgate.recording.Recording;
import org.recgate.recording.RecordingChange;
import org.recgate.recording.RecordingExtensions;
import org.recgate.recording.RecordingFactory;
import org.recgate.recording.RecordingRegistry;
import org.recgate.recording.RecordingState;
import org.recgate.recording.RequestedBy;
import org.recgate.recording.Side;
import org.recgate.recording.StateChange;
import org.recgate.sip.Dialect;
import org.recgate.sip.RecorderOperation;

/**
 * recording-outcome.camel.yaml: what a step of recording control decided, sent on its way: each state change, in
 * order and before the route returns, to recording-indications; each recorder request the gateway makes on its own
 * to recorder-request by wire tap, so the request or call event that caused it does not wait for the recorder. Both
 * next routes are mocked; the changes and tasks are real domain values, made here.
 */
@CamelMainTest(propertyPlaceholderLocations = {RouteTestSupport.TEST_SETTINGS, RouteTestSupport.SETTINGS},
        properties = RouteFiles.LOAD + RouteFiles.RECORDING_OUTCOME,
        mockEndpointsAndSkip = "direct:(recording-indication|recorder-request)")
class RecordingOutcomeRouteTest extends RouteTestSupport {

    private static final String OUTCOME = "direct:recording-outcome";

    private final Clock clock = Clock.systemUTC();
    private final Call call = new CallRegistry(clock).established("00000000000000c1", "1001", "5000", "UUID1", "+15551234", "800").call();
    private final RecordingFactory recordings = new RecordingFactory(new RecordingRegistry(100, new RecordingRegistry.Limits(8, 8), () -> { }),
            new RecorderPolicy(List.of("sip:srs@127.0.0.1:1"), Dialect.SIPREC, List.of(), "udp"),
            new DnDirectory(DnFile.parse(new ByteArrayInputStream("dns: {}\n".getBytes(StandardCharsets.UTF_8)), "test")),
            new FileNameTemplate(FileNameTemplate.DEFAULT, "gw", ZoneOffset.UTC), clock);

    private Recording recording(String dn) {
        return recordings.create(call, dn, Side.SOURCE, Cause.REQUEST, new RequestedBy("desktop", dn, 7L), RecordingExtensions.NONE);
    }

    private RecordingChange on(Recording recording) {
        return new RecordingChange(call, recording, new StateChange(RecordingState.OFF, RecordingState.ON), Cause.REQUEST);
    }

    private RecorderTask stop(Recording recording) {
        return new RecorderTask(recording, call, RecorderRequests.of(RecorderOperation.STOP, recording, call, recording.destinations()));
    }

    private Exchange outcome(List<RecordingChange> changes, List<RecorderTask> tasks) {
        return template.send(OUTCOME, exchange -> {
            exchange.setProperty(RecordingOutcomes.CHANGES, changes);
            exchange.setProperty(RecordingOutcomes.TASKS, tasks);
        });
    }

    @Test
    void eachChangeGoesToTheIndicationsInOrderBeforeTheRouteReturns() {
        RecordingChange first = on(recording("1001"));
        RecordingChange second = on(recording("5000"));

        outcome(List.of(first, second), null);

        assertEquals(List.of(first, second), mock("direct:recording-indication").getExchanges().stream()
                .map(exchange -> exchange.getMessage().getBody()).toList());
        assertEquals(0, mock("direct:recorder-request").getReceivedCounter());
    }

    @Test
    void eachTaskGoesToTheRecorderRequestsWithoutTheCallerWaiting() throws Exception {
        CountDownLatch recorderAnswers = new CountDownLatch(1);
        AtomicInteger answered = new AtomicInteger();
        mock("direct:recorder-request").whenAnyExchangeReceived(exchange -> {
            if (recorderAnswers.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                answered.incrementAndGet();
            }
        });
        RecorderTask first = stop(recording("1001"));
        RecorderTask second = stop(recording("5000"));

        outcome(List.of(on(first.recording())), List.of(first, second));
        // only now do the recorders answer: had the route waited for them, they would have given up above
        recorderAnswers.countDown();

        assertEquals(1, mock("direct:recording-indication").getReceivedCounter());
        await().atMost(TIMEOUT).until(() -> answered.get() == 2);
        assertTrue(mock("direct:recorder-request").getExchanges().stream()
                .map(exchange -> exchange.getMessage().getBody()).toList().containsAll(List.of(first, second)));
    }

    @Test
    void nothingDecidedSendsNothing() {
        Exchange done = outcome(null, null);

        assertNull(done.getException());
        assertEquals(0, mock("direct:recording-indication").getReceivedCounter());
        assertEquals(0, mock("direct:recorder-request").getReceivedCounter());
    }
}
