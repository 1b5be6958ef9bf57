package org.recgate.gateway.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** recgate.calls.max-idle as operators write it. */
class StaleCallsTest {

    @Test
    void durationsInEachUnit() {
        assertEquals(Duration.ofHours(12), StaleCalls.parse("k", "12h"));
        assertEquals(Duration.ofMinutes(30), StaleCalls.parse("k", " 30m "));
        assertEquals(Duration.ofSeconds(90), StaleCalls.parse("k", "90s"));
        assertEquals(Duration.ofMillis(500), StaleCalls.parse("k", "500ms"));
        assertEquals(Duration.ofDays(1), StaleCalls.parse("k", "1D"));
    }

    @Test
    void aWrongValueNamesTheSetting() {
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> StaleCalls.parse("recgate.calls.max-idle", "twelve hours"));
        assertTrue(wrong.getMessage().startsWith("recgate.calls.max-idle must be a positive duration"), wrong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StaleCalls.parse("k", "0h"));
        assertThrows(IllegalArgumentException.class, () -> StaleCalls.parse("k", "12"));
    }
}
