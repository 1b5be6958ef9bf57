package org.recgate.sip.liveness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Recorder states from keepalive answers, misses and failure signals. */
class RecorderLivenessTest {

    private static final String A = "127.0.0.1:5080";
    private static final String B = "127.0.0.1:5082";
    private final List<String> seen = new ArrayList<>();
    private final RecorderLiveness liveness = new RecorderLiveness(3, "udp",
            Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), ZoneOffset.UTC), (states, recorder) -> seen.add(recorder));

    @Test
    void aRecorderFirstSeenIsUpAndReportedOnce() {
        liveness.track(A);
        liveness.track(A);
        assertTrue(liveness.state(A).isUp());
        assertEquals(List.of(A), seen, "one metrics series per recorder");
    }

    @Test
    void missesInARowMarkItDownAndAnyAnswerMarksItUp() {
        liveness.missed(A, "OPTIONS unanswered");
        liveness.missed(A, "OPTIONS unanswered");
        assertFalse(liveness.isDown(A), "two misses of three");
        liveness.missed(A, "OPTIONS unanswered");
        assertTrue(liveness.isDown(A));
        assertEquals(3, liveness.state(A).misses());
        assertTrue(liveness.state(A).reason().contains("3 keepalives missed"), liveness.state(A)::toString);

        liveness.answered(A, Duration.ofMillis(4));
        RecorderState up = liveness.state(A);
        assertTrue(up.isUp());
        assertEquals(0, up.misses());
        assertEquals(Duration.ofMillis(4), up.lastRoundTrip());
        assertNull(up.reason());
    }

    @Test
    void comingBackUpIsToldOnceAndItsOldSessionsCountAsLost() {
        List<String> up = new ArrayList<>();
        liveness.onUp(state -> up.add(state.recorder()));
        liveness.answered(A, Duration.ofMillis(2));
        assertEquals(List.of(), up, "UP from the start: no change to tell");
        assertFalse(liveness.lostSessionsUri("sip:srs@127.0.0.1:5080"));

        liveness.failed(A, "BYE in a dialog: 503");
        assertTrue(liveness.lostSessionsUri("sip:srs@127.0.0.1:5080"), "DOWN");
        liveness.answered(A, Duration.ofMillis(2));
        liveness.answered(A, Duration.ofMillis(2));
        assertEquals(List.of(A), up, "once per change");
        assertTrue(liveness.lostSessionsUri("sip:srs@127.0.0.1:5080"),
                "UP again, but its sessions were abandoned when it went DOWN: no takeover there");
        assertFalse(liveness.lostSessionsUri("sip:srs@127.0.0.1:5082"), "B never went DOWN");
    }

    @Test
    void goingDownIsToldOncePerChangeWithWhenTheRecorderWasLastAlive() {
        java.util.concurrent.atomic.AtomicReference<Instant> now = new java.util.concurrent.atomic.AtomicReference<>(
                Instant.parse("2026-12-03T12:00:00Z"));
        Clock ticking = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        RecorderLiveness watched = new RecorderLiveness(2, "udp", ticking, (states, recorder) -> { });
        List<RecorderState> down = new ArrayList<>();
        watched.onDown(down::add);
        watched.track(A);
        assertEquals(Instant.parse("2026-12-03T12:00:00Z"), watched.lastAlive(A), "alive when first seen");
        now.set(Instant.parse("2026-12-03T12:00:05Z"));
        watched.answered(A, Duration.ofMillis(2));
        now.set(Instant.parse("2026-12-03T12:00:10Z"));
        watched.missed(A, "OPTIONS unanswered");
        assertTrue(down.isEmpty(), "one miss of two: still UP");
        watched.missed(A, "OPTIONS unanswered");
        watched.failed(A, "INVITE in a dialog: no answer");
        assertEquals(1, down.size(), "told once when it went DOWN, not again while DOWN: " + down);
        assertEquals(A, down.get(0).recorder());
        assertTrue(down.get(0).reason().contains("keepalives missed"), down.get(0)::toString);
        assertEquals(Instant.parse("2026-12-03T12:00:05Z"), watched.lastAlive(A), "the last answer: the gap starts there");

        watched.answered(A, Duration.ofMillis(2));
        watched.failed(A, "OPTIONS not sent");
        assertEquals(2, down.size(), "DOWN again after it came back");
        assertNull(watched.lastAlive(B), "never seen");
    }

    @Test
    void anAnswerBetweenMissesStartsTheCountAgain() {
        liveness.missed(A, "x");
        liveness.missed(A, "x");
        liveness.answered(A, Duration.ofMillis(1));
        liveness.missed(A, "x");
        liveness.missed(A, "x");
        assertFalse(liveness.isDown(A));
    }

    @Test
    void aFailureSignalMarksItDownAtOnce() {
        liveness.failed(A, "BYE in a dialog: 503 Service Unavailable");
        assertTrue(liveness.isDown(A));
        assertEquals("BYE in a dialog: 503 Service Unavailable", liveness.state(A).reason());
    }

    @Test
    void newRecordingsSkipDownCandidatesUnlessAllAreDown() {
        String uriA = "sip:srs@127.0.0.1:5080";
        String uriB = "sip:srs@127.0.0.1:5082;transport=udp";
        assertEquals(A, liveness.keyOf(uriA));
        assertEquals(B, liveness.keyOf(uriB));
        assertEquals("127.0.0.1:5060", liveness.keyOf("sip:srs@127.0.0.1"), "the transport's default port");
        liveness.failed(A, "down");
        assertEquals(List.of(uriB), liveness.liveFirst(List.of(uriA, uriB)));
        liveness.failed(B, "down");
        assertEquals(List.of(uriA, uriB), liveness.liveFirst(List.of(uriA, uriB)), "all DOWN: the full list");
    }

    @Test
    void aDownRecorderIsAskedAtItsHostAndPort() {
        assertEquals("sip:127.0.0.1:5080", RecorderKeepalive.uriOf(A));
        assertEquals("sip:[0:0:0:0:0:0:0:1]:5080", RecorderKeepalive.uriOf("0:0:0:0:0:0:0:1:5080"));
        assertEquals(A, liveness.keyOf(RecorderKeepalive.uriOf(A)));
    }

    @Test
    void concurrentMissesAreEachCounted() throws Exception {
        RecorderLiveness patient = new RecorderLiveness(1000, "udp", Clock.systemUTC(), (states, recorder) -> { });
        ExecutorService threads = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 999; i++) {
            threads.execute(() -> patient.missed(B, "x"));
        }
        threads.shutdown();
        assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(999, patient.state(B).misses());
        assertFalse(patient.isDown(B));
        patient.missed(B, "x");
        assertTrue(patient.isDown(B), "the thousandth");
    }
}
