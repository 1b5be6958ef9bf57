package org.recgate.sip;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FailoverRuleTest {

    private static DestinationResult result(DestinationStatus status, Integer sipStatus) {
        return new DestinationResult("sip:srs@192.0.2.1", DestinationRole.PRIMARY, Dialect.SIPREC, status, sipStatus, null, null);
    }

    @Test
    void theDefaultFailsOverOn408And5xxAnd6xxOnly() {
        FailoverRule rule = FailoverRule.parse(FailoverRule.DEFAULT);
        for (int status : new int[] {408, 500, 503, 580, 600, 603}) {
            assertTrue(rule.triesNextAfter(status), Integer.toString(status));
        }
        for (int status : new int[] {400, 403, 404, 420, 481, 486, 488}) {
            assertFalse(rule.triesNextAfter(status), Integer.toString(status));
        }
    }

    @Test
    void timeoutsAndTransportErrorsAlwaysFailOver() {
        FailoverRule none = FailoverRule.parse("");
        assertTrue(none.triesNextAfter(result(DestinationStatus.TIMEOUT, null)));
        assertTrue(none.triesNextAfter(result(DestinationStatus.UNREACHABLE, null)));
        assertFalse(none.triesNextAfter(result(DestinationStatus.REJECTED, 503)));
        assertFalse(FailoverRule.parse(FailoverRule.DEFAULT).triesNextAfter(result(DestinationStatus.REJECTED, null)),
                "a refusal without a SIP status (e.g. a duplicate dialog) is final");
        assertFalse(none.triesNextAfter(result(DestinationStatus.ESTABLISHED, 200)));
    }

    @Test
    void codesAndClassesCanBeMixed() {
        FailoverRule rule = FailoverRule.parse(" 486 , 5XX ");
        assertTrue(rule.triesNextAfter(486));
        assertTrue(rule.triesNextAfter(502));
        assertFalse(rule.triesNextAfter(408));
    }

    @Test
    void nonsenseIsRefusedWithTheEntryNamed() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> FailoverRule.parse("408,5x"));
        assertTrue(error.getMessage().contains("'5x'"), error.getMessage());
    }
}
