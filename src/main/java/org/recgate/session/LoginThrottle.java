package org.recgate.session;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Login throttling (docs/security.md, "Login throttling"): a source address with
 * {@link Limits#maxFailures} failed {@code RequestRegisterClient} within the window is locked out
 * for the lockout; meanwhile its attempts are refused without looking at the secret. A success does
 * not clear the count (a client with one good secret cannot go on guessing another's).
 */
public final class LoginThrottle {

    /** Sources tracked at most; past that, sources with nothing recent are forgotten first. */
    static final int MAX_SOURCES = 100_000;

    /** {@code maxFailures} within {@code window} lock an address out for {@code lockout}. */
    public record Limits(int maxFailures, Duration window, Duration lockout) {
    }

    private final Limits limits;
    private final Clock clock;
    private final ConcurrentMap<String, Source> sources = new ConcurrentHashMap<>();

    public LoginThrottle(Limits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    public long lockoutMillis() {
        return limits.lockout().toMillis();
    }

    /** The address without the port: what the lockout applies to. */
    public static String sourceOf(SocketAddress remote) {
        if (remote instanceof InetSocketAddress inet) {
            return inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
        }
        return String.valueOf(remote);
    }

    /** How long the source is still locked out for; empty when it may try. */
    public Optional<Duration> lockedOut(String source) {
        Source state = sources.get(source);
        return state == null ? Optional.empty() : state.lockedFor(clock.instant());
    }

    /** Counts a failure of the source; true when this one locked it out. */
    public boolean failed(String source) {
        if (sources.size() >= MAX_SOURCES) {
            forgetIdle();
        }
        return sources.computeIfAbsent(source, key -> new Source()).failed(clock.instant());
    }

    private void forgetIdle() {
        Instant now = clock.instant();
        sources.values().removeIf(state -> state.idle(now));
    }

    /** The failures of one address within the window, and the end of its lockout. */
    private final class Source {
        private final Deque<Instant> failures = new ArrayDeque<>();
        private Instant lockedUntil = Instant.MIN;

        synchronized Optional<Duration> lockedFor(Instant now) {
            return now.isBefore(lockedUntil) ? Optional.of(Duration.between(now, lockedUntil)) : Optional.empty();
        }

        synchronized boolean failed(Instant now) {
            if (now.isBefore(lockedUntil)) {
                return false; // already locked: the lock is not made longer
            }
            while (!failures.isEmpty() && !failures.peekFirst().isAfter(now.minus(limits.window()))) {
                failures.removeFirst();
            }
            failures.addLast(now);
            if (failures.size() < limits.maxFailures()) {
                return false;
            }
            failures.clear();
            lockedUntil = now.plus(limits.lockout());
            return true;
        }

        synchronized boolean idle(Instant now) {
            return !now.isBefore(lockedUntil)
                    && (failures.isEmpty() || !failures.peekLast().isAfter(now.minus(limits.window())));
        }
    }
}
