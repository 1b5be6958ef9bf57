package org.recgate.kafka;

import java.util.function.LongSupplier;
import org.recgate.support.LeadershipLease;

/**
 * The active's leadership lease (docs/operations.md, "High availability", Fencing): granted when
 * the group assigns this member partition 0, renewed by {@link HaMembership} each time the group
 * coordinator confirms the membership (an offset commit it accepted for this member's generation),
 * revoked when the partition goes. It runs out {@code length} after the confirmation began, on the
 * monotonic clock: {@link System#nanoTime()} keeps running while the process is stopped (SIGSTOP),
 * so a process that goes on after a hang longer than the lease sees it expired at its first send,
 * before its membership thread has learnt that the group gave partition 0 to another member.
 * <p>
 * The length is half the session timeout: the coordinator ends a session no sooner than the
 * session timeout after the last heartbeat it took, and heartbeats go every third of it, so the
 * session outlives any confirmation by at least two thirds of the timeout; the last sixth is the
 * margin for the confirmation's own round trip.
 */
public final class HaLease implements LeadershipLease {

    /** One grant or renewal: when it runs out, on the monotonic clock. */
    private record Term(long expiresAtNanos) {
    }

    private final LongSupplier nanos;
    private final long lengthNanos;
    /** Null while not held; one volatile read per {@link #held()}. */
    private volatile Term term;

    /** @param lengthMs how long a confirmation holds (half the session timeout) */
    public HaLease(long lengthMs) {
        this(lengthMs, System::nanoTime);
    }

    HaLease(long lengthMs, LongSupplier nanos) {
        if (lengthMs <= 0) {
            throw new IllegalArgumentException("a lease needs a positive length, not " + lengthMs + " ms");
        }
        this.lengthNanos = lengthMs * 1_000_000L;
        this.nanos = nanos;
    }

    /** The lease of a session timeout: half of it. */
    public static HaLease forSessionTimeout(int sessionTimeoutMs) {
        return new HaLease(Math.max(1, sessionTimeoutMs / 2));
    }

    @Override
    public boolean held() {
        Term current = term;
        return current != null && nanos.getAsLong() - current.expiresAtNanos < 0; // overflow-safe (System.nanoTime)
    }

    /** The membership was confirmed by something that began at {@code startedNanos}: held until {@code length} after it. */
    void renew(long startedNanos) {
        long expires = startedNanos + lengthNanos;
        Term current = term;
        if (current == null || expires - current.expiresAtNanos > 0) {
            term = new Term(expires);
        }
    }

    /** Partition 0 went (or the membership ended): not held from now on, until a new grant. */
    void revoke() {
        term = null;
    }

    long lengthMs() {
        return lengthNanos / 1_000_000L;
    }

    long now() {
        return nanos.getAsLong();
    }
}
