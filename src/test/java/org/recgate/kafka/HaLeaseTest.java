package org.recgate.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The leadership lease (fencing, docs/operations.md "High availability"): held from a confirmation
 * for its length on the monotonic clock, not before a grant, not after a revoke; a renewal never
 * shortens it. The clock is the test's: a process stopped past the lease (SIGSTOP) is a clock that
 * jumped while nobody renewed.
 */
class HaLeaseTest {

    private final AtomicLong now = new AtomicLong(Long.MAX_VALUE - 1_000_000_000L); // nanoTime may be near overflow
    private final HaLease lease = new HaLease(3000, now::get);

    private void advanceMs(long ms) {
        now.addAndGet(ms * 1_000_000L);
    }

    @Test
    void notHeldBeforeTheGroupGrantsIt() {
        assertFalse(lease.held());
    }

    @Test
    void heldForItsLengthFromTheConfirmationThenExpiredWithoutARenewal() {
        lease.renew(now.get());
        advanceMs(2999);
        assertTrue(lease.held());
        advanceMs(1);
        assertFalse(lease.held(), "expired at its length, across the clock's overflow");
    }

    @Test
    void aProcessThatWentOnAfterAHangFindsItExpiredAtOnce() {
        lease.renew(now.get());
        advanceMs(8000); // stopped past the session timeout: no renewal meanwhile
        assertFalse(lease.held());
    }

    @Test
    void aRenewalCountsFromWhenTheConfirmationBeganAndNeverShortensIt() {
        long commitStarted = now.get();
        advanceMs(1000);
        lease.renew(now.get());
        lease.renew(commitStarted); // a slower confirmation answered later: does not take the lease back
        advanceMs(2500);
        assertTrue(lease.held());
        advanceMs(500);
        assertFalse(lease.held());
    }

    @Test
    void aRevokedLeaseIsNotHeldEvenWithinItsLength() {
        lease.renew(now.get());
        lease.revoke();
        assertFalse(lease.held());
    }

    @Test
    void halfTheSessionTimeout() {
        assertEquals(3000, HaLease.forSessionTimeout(6000).lengthMs());
        assertThrows(IllegalArgumentException.class, () -> new HaLease(0));
    }
}
