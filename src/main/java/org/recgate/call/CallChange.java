package org.recgate.call;

import java.util.Set;

/**
 * What one call event changed: who joined, who left, whether the call has ended (its last party
 * left), and the connection ID it had before when the event moved it to a new one (else null).
 * Listeners act on this, not on the raw event.
 */
public record CallChange(Call call, Set<String> joined, Set<String> left, boolean ended, String previousConnectionId) {

    public CallChange {
        joined = Set.copyOf(joined);
        left = Set.copyOf(left);
    }

    public CallChange(Call call, Set<String> joined, Set<String> left, boolean ended) {
        this(call, joined, left, ended, null);
    }

    public boolean renumbered() {
        return previousConnectionId != null;
    }
}
