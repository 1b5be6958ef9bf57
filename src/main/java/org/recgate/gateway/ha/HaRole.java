package org.recgate.gateway.ha;

import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The role of this instance in a hot-standby pair (docs/operations.md, "High availability"): the
 * states in lifecycle order, changed only through {@link #transition}, which takes the state the
 * caller expects to leave: a change that lost a race (leadership lost while taking over) is refused
 * instead of applied to the wrong state. Without HA the instance is {@link State#ACTIVE} from the start.
 */
public final class HaRole {

    public enum State {
        /** Member of the group, not holding partition 0: listener and call feed closed, nothing restored. */
        STANDBY,
        /** Holding partition 0: reading the state topic, re-asserting the recordings, opening the listener. */
        TAKING_OVER,
        /** Serving: the listener, the call feed, recording control. */
        ACTIVE,
        /** Partition 0 lost: the listener and the call feed are being closed. */
        STEPPING_DOWN;

        private Set<State> next() {
            return switch (this) {
                case STANDBY -> Set.of(TAKING_OVER);
                case TAKING_OVER -> Set.of(ACTIVE, STEPPING_DOWN);
                case ACTIVE -> Set.of(STEPPING_DOWN);
                case STEPPING_DOWN -> Set.of(STANDBY);
            };
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(HaRole.class);
    private State state;

    public HaRole(State initial) {
        this.state = initial;
    }

    /**
     * Moves from {@code from} to {@code to}; false (nothing changed) when the role is not {@code from}
     * any more. A pair that is not a step of the lifecycle is a bug: IllegalStateException.
     */
    public synchronized boolean transition(State from, State to) {
        if (!from.next().contains(to)) {
            throw new IllegalStateException("HA role: no transition " + from + " -> " + to);
        }
        if (state != from) {
            return false;
        }
        LOG.debug("HA role {} -> {}", from, to);
        state = to;
        return true;
    }

    public synchronized State state() {
        return state;
    }

    public boolean isActive() {
        return state() == State.ACTIVE;
    }

    /** The gauge recgate_ha_active: 1 while active, 0 otherwise. */
    public double active() {
        return isActive() ? 1 : 0;
    }

    /** {@code role} in /observe/health: active, standby, taking-over, stepping-down. */
    public String role() {
        return state().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
