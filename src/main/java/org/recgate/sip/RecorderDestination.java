package org.recgate.sip;

import java.util.List;

/**
 * One recording destination: the recorder URIs to try in order (the first, then failover on
 * timeout, 5xx, 6xx or transport error at setup; docs/recording.md §3), its role and dialect.
 * After setup the destination is known by {@link #uri()}, the URI that answered. For RESTORE,
 * {@code dialogState} is the destination's last {@link DestinationResult#dialogState()}; null otherwise.
 */
public record RecorderDestination(List<String> candidates, DestinationRole role, Dialect dialect,
                                  java.util.Map<String, Object> dialogState) {

    public RecorderDestination {
        candidates = List.copyOf(candidates);
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("a destination needs at least one recorder URI");
        }
    }

    /** A destination without a stored dialog state (every operation but RESTORE). */
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
}
