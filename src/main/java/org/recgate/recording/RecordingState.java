package org.recgate.recording;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The states of a recording, in lifecycle order (docs/recording.md §2). Besides the stable states of
 * the contract (Off, Starting, On, Paused) a recording is PAUSING, RESUMING or STOPPING while the
 * recorder has not yet answered: a second request meanwhile is refused instead of racing the
 * first, and a failed PAUSE or RESUME goes back to where it was.
 */
public enum RecordingState {
    OFF, STARTING, ON, PAUSING, PAUSED, RESUMING, STOPPING;

    private static final Map<RecordingState, Set<RecordingState>> NEXT = Map.of(
            OFF, EnumSet.of(STARTING),
            // STARTING → PAUSED: a Paused recording left with no recorder comes back Paused (RecordingRetries)
            STARTING, EnumSet.of(ON, PAUSED, OFF),
            ON, EnumSet.of(PAUSING, STOPPING, OFF),
            PAUSING, EnumSet.of(PAUSED, ON, OFF),
            PAUSED, EnumSet.of(RESUMING, STOPPING, OFF),
            RESUMING, EnumSet.of(ON, PAUSED, OFF),
            STOPPING, EnumSet.of(OFF));

    public boolean canBecome(RecordingState next) {
        return NEXT.get(this).contains(next);
    }

    /** OFF, ON and PAUSED are what clients are told; the others wait for the recorder. */
    public boolean isStable() {
        return this == OFF || this == ON || this == PAUSED;
    }

    /** GSIP_RECORD's value for a stable state: On, Paused or Off. */
    public String gsipValue() {
        return wireName();
    }

    public String wireName() {
        return name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
