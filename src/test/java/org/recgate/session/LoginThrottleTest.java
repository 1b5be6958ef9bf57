package org.recgate.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** N failures within the window lock the address out for the lockout; old failures expire. */
class LoginThrottleTest {

    private Instant now = Instant.parse("2026-11-22T09:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final LoginThrottle throttle = new LoginThrottle(new LoginThrottle.Limits(3, Duration.ofSeconds(60), Duration.ofSeconds(30)), clock);

    @Test
    void theThirdFailureWithinTheWindowLocksTheAddressOutUntilTheLockEnds() {
        assertFalse(throttle.failed("10.0.0.1"));
        now = now.plusSeconds(10);
        assertFalse(throttle.failed("10.0.0.1"));
        assertEquals(Optional.empty(), throttle.lockedOut("10.0.0.1"));
        assertTrue(throttle.failed("10.0.0.1"), "the third locks");
        assertEquals(Optional.of(Duration.ofSeconds(30)), throttle.lockedOut("10.0.0.1"));
        assertEquals(Optional.empty(), throttle.lockedOut("10.0.0.2"), "per address");
        now = now.plusSeconds(20);
        assertFalse(throttle.failed("10.0.0.1"), "a failure while locked does not lengthen the lock");
        assertEquals(Optional.of(Duration.ofSeconds(10)), throttle.lockedOut("10.0.0.1"));
        now = now.plusSeconds(10);
        assertEquals(Optional.empty(), throttle.lockedOut("10.0.0.1"), "the lock has ended");
        assertFalse(throttle.failed("10.0.0.1"), "and the count starts again");
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() {
        throttle.failed("10.0.0.3");
        throttle.failed("10.0.0.3");
        now = now.plusSeconds(61);
        assertFalse(throttle.failed("10.0.0.3"));
        assertFalse(throttle.failed("10.0.0.3"));
        assertTrue(throttle.failed("10.0.0.3"));
    }

    @Test
    void theSourceIsTheAddressWithoutThePort() {
        assertEquals("127.0.0.1", LoginThrottle.sourceOf(new InetSocketAddress("127.0.0.1", 40000)));
        assertEquals("test-client", LoginThrottle.sourceOf(InetSocketAddress.createUnresolved("test-client", 1)));
    }
}
