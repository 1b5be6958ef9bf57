package org.recgate.gateway.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.recgate.gateway.ha.HaRole.State;

/** The role changes only along the lifecycle, and only from the state the caller expects. */
class HaRoleTest {

    @Test
    void aStandbyTakesOverBecomesActiveAndStepsDown() {
        HaRole role = new HaRole(State.STANDBY);
        assertEquals("standby", role.role());
        assertEquals(0.0, role.active());
        assertTrue(role.transition(State.STANDBY, State.TAKING_OVER));
        assertEquals("taking-over", role.role());
        assertTrue(role.transition(State.TAKING_OVER, State.ACTIVE));
        assertEquals(1.0, role.active());
        assertTrue(role.transition(State.ACTIVE, State.STEPPING_DOWN));
        assertTrue(role.transition(State.STEPPING_DOWN, State.STANDBY));
        assertEquals(State.STANDBY, role.state());
    }

    @Test
    void aTransitionFromAStateTheRoleIsNotInChangesNothing() {
        HaRole role = new HaRole(State.STANDBY);
        assertTrue(role.transition(State.STANDBY, State.TAKING_OVER));
        assertFalse(role.transition(State.STANDBY, State.TAKING_OVER), "a second leadership notice starts no second takeover");
        assertTrue(role.transition(State.TAKING_OVER, State.STEPPING_DOWN), "the leadership went while taking over");
        assertFalse(role.transition(State.TAKING_OVER, State.ACTIVE), "the takeover that finishes late does not make it active");
        assertEquals("stepping-down", role.role());
    }

    @Test
    void aPairThatIsNotALifecycleStepIsABug() {
        HaRole role = new HaRole(State.STANDBY);
        assertThrows(IllegalStateException.class, () -> role.transition(State.STANDBY, State.ACTIVE));
        assertThrows(IllegalStateException.class, () -> role.transition(State.ACTIVE, State.STANDBY));
        assertEquals(State.STANDBY, role.state());
    }
}
