package org.recgate.support;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final TokenBucket bucket = new TokenBucket(10, 3, nanos::get);

    @Test
    void aFullBucketPassesTheBurstThenRefuses() {
        assertTrue(bucket.tryTake());
        assertTrue(bucket.tryTake());
        assertTrue(bucket.tryTake());
        assertFalse(bucket.tryTake());
    }

    @Test
    void itRefillsAtTheRate() {
        drain();
        nanos.addAndGet(99_000_000L); // 0.99 of a token at 10 a second
        assertFalse(bucket.tryTake());
        nanos.addAndGet(1_000_000L);
        assertTrue(bucket.tryTake());
        assertFalse(bucket.tryTake());
    }

    @Test
    void aLongPauseSavesUpNoMoreThanTheBurst() {
        drain();
        nanos.addAndGet(3_600_000_000_000L);
        drain();
        assertFalse(bucket.tryTake());
    }

    @Test
    void rateAndBurstMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, 1, nanos::get));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(1, 0, nanos::get));
    }

    /** Takes the three tokens a full bucket holds. */
    private void drain() {
        for (int i = 0; i < 3; i++) {
            assertTrue(bucket.tryTake(), "token " + i);
        }
    }
}
