package org.recgate.sip;

import java.util.List;
import java.util.Map;

/**
 * One recording destination: the recorder URIs to try in order (the first, then failover on
 * timeout, 5xx, 6xx or transport error at setup; docs/recording.md §3), its role and dialect.
 * After setup the destination is known by {@link #uri()}, the URI that answered.
 *
 * @param dialogState RESTORE only: the {@link DestinationResult#dialogState()} of the destination's
 *                    last ESTABLISHED result, as another process left it; null when none
 */
public record RecorderDestination(List<String> candidates, DestinationRole role, Dialect dialect,
                                  Map<String, Object> dialogState) {

    public RecorderDestination {
        candidates = List.copyOf(candidates);
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("a destination needs at least one recorder URI");
        }
    }

    /** A destination without dialog state (every operation but RESTORE). */
    public RecorderDestination(List<String> candidates, DestinationRole role, Dialect dialect) {
        this(candidates, role, dialect, null);
    }

    /** A destination that is already set up, or that has a single recorder. */
    public static RecorderDestination of(String uri, DestinationRole role, Dialect dialect) {
        return new RecorderDestination(List.of(uri), role, dialect);
    }

    public String uri() {
        return candidates.get(0);
    }

    /** The same destination with other candidates (in another order). */
    public RecorderDestination withCandidates(List<String> others) {
        return new RecorderDestination(others, role, dialect, dialogState);
    }
}
