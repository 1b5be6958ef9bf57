package org.recgate.support;

import java.util.function.LongSupplier;

/**
 * A token bucket: it fills at {@code perSecond} tokens a second up to {@code burst}, and each
 * {@link #tryTake} takes one. So a client may send {@code burst} requests at once, and
 * {@code perSecond} a second for as long as it likes. Never blocks.
 */
public final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final double tokensPerNano;
    private final double capacity;
    private final LongSupplier nanoClock;
    private double tokens;
    private long lastNanos;

    /** {@code nanoClock} is {@code System::nanoTime} but in tests. */
    public TokenBucket(int perSecond, int burst, LongSupplier nanoClock) {
        if (perSecond <= 0 || burst <= 0) {
            throw new IllegalArgumentException("a token bucket needs a positive rate and burst, not " + perSecond + "/" + burst);
        }
        this.tokensPerNano = perSecond / NANOS_PER_SECOND;
        this.capacity = burst;
        this.nanoClock = nanoClock;
        this.tokens = burst;
        this.lastNanos = nanoClock.getAsLong();
    }

    /** Takes a token if there is one; false when the bucket is empty. */
    public synchronized boolean tryTake() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(capacity, tokens + (now - lastNanos) * tokensPerNano);
        lastNanos = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
