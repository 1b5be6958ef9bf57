package org.recgate.call;

import java.util.Set;

/**
 * What one call event changed: who joined, who left, and whether the call has ended (its last
 * party left). Listeners act on this, not on the raw event.
 */
public record CallChange(Call call, Set<String> joined, Set<String> left, boolean ended) {

    public CallChange {
        joined = Set.copyOf(joined);
        left = Set.copyOf(left);
    }
}
