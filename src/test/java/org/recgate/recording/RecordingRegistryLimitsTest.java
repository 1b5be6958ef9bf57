package org.recgate.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.recgate.sip.DestinationRole;
import org.recgate.sip.Dialect;
import org.recgate.tlib.model.ErrorCode;
import org.recgate.tlib.model.TlibException;

/**
 * What one call may hold (docs/security.md, "Limits"): recordings that have not ended up to
 * the limit (58 beyond, counted), ended ones not counted and forgotten past the last few, their
 * ids still refused (2003). End to end with sipp: RecordingLimitIT.
 */
class RecordingRegistryLimitsTest {

    private static final String CALL = "00000000000000a1";

    private final AtomicInteger hits = new AtomicInteger();
    private final RecordingRegistry registry = new RecordingRegistry(1000, new RecordingRegistry.Limits(2, 3), hits::incrementAndGet);

    private static Recording recording(String id, String dn) {
        return new Recording(id, CALL, dn, Side.SOURCE, Cause.REQUEST, null, Instant.EPOCH,
                List.of(new RecordingDestination(List.of("sip:srs@127.0.0.1"), DestinationRole.PRIMARY, Dialect.SIPREC)), Map.of());
    }

    private Recording started(String id, String dn) {
        Recording recording = recording(id, dn);
        registry.add(recording);
        recording.transition(RecordingState.OFF, RecordingState.STARTING);
        recording.transition(RecordingState.STARTING, RecordingState.ON);
        return recording;
    }

    private static void stop(Recording recording) {
        recording.endedBy(Cause.REQUEST);
        recording.transition(RecordingState.ON, RecordingState.STOPPING);
        recording.transition(RecordingState.STOPPING, RecordingState.OFF);
    }

    @Test
    void aStartBeyondTheLimitIsRefusedWith58AndChangesNothing() {
        started("a", "1001");
        Recording starting = recording("b", "1002");
        registry.add(starting); // about to start (Off, no end cause): it counts
        TlibException refused = assertThrows(TlibException.class, () -> registry.add(recording("c", "5000")));
        assertEquals(ErrorCode.OUT_OF_SERVICE, refused.errorCode());
        assertTrue(refused.getMessage().contains("recgate.recording.max-per-call"), refused.getMessage());
        assertEquals(1, hits.get());
        assertEquals(List.of("a", "b"), ids());
        registry.checkIdFree("c"); // the refused one left nothing behind
    }

    @Test
    void endedRecordingsDoNotCountAndOnlyTheLastFewAreKept() {
        for (int i = 0; i < 300; i++) {
            stop(started("cycle-" + i, "1001"));
        }
        started("live", "1002");
        started("live-2", "1001");
        assertEquals(List.of("cycle-297", "cycle-298", "cycle-299", "live", "live-2"), ids(),
                "the last 3 ended ones and the live ones");
        assertEquals(5, registry.size());
        assertEquals(0, hits.get());
        assertEquals(ErrorCode.DUPLICATE_RECORDING_ID,
                assertThrows(TlibException.class, () -> registry.checkIdFree("cycle-0")).errorCode(),
                "a forgotten recording's id stays used");
        assertTrue(registry.find("cycle-0").isEmpty());
        assertTrue(registry.find("cycle-299").isPresent(), "a kept ended one is still found by id");
    }

    @Test
    void whenOneEndsTheCallsOlderEndedOnesAreForgotten() {
        for (int i = 0; i < 5; i++) {
            stop(started("cycle-" + i, "1001"));
        }
        registry.forgetOldEnded(CALL); // what StateChanges does when a recording ends
        assertEquals(List.of("cycle-2", "cycle-3", "cycle-4"), ids());
    }

    @Test
    void aRecordingEndedByItsCallOrRecorderIsEndedToo() {
        Recording first = started("a", "1001");
        first.end(Cause.RECORDER_FAILURE);
        started("b", "1001");
        started("c", "1002");
        assertEquals(List.of("a", "b", "c"), ids());
    }

    private List<String> ids() {
        return registry.ofCall(CALL).stream().map(Recording::id).toList();
    }
}
