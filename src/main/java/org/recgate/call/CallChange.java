package org.recgate.call;

import java.util.Set;

/**
 * What one call event changed: who joined, who left, whether the call has ended (its last party
 * left), and the connection ID it had before when the event moved it to a new one (else null);
 * {@code stale}: no event came for too long, and the gateway ended the call itself.
 * Listeners act on this, not on the raw event.
 */
public record CallChange(Call call, Set<String> joined, Set<String> left, boolean ended, String previousConnectionId,
                         boolean stale) {

    public CallChange {
        joined = Set.copyOf(joined);
        left = Set.copyOf(left);
    }

    public CallChange(Call call, Set<String> joined, Set<String> left, boolean ended) {
        this(call, joined, left, ended, null);
    }

    public CallChange(Call call, Set<String> joined, Set<String> left, boolean ended, String previousConnectionId) {
        this(call, joined, left, ended, previousConnectionId, false);
    }

    /** A call ended by the gateway itself: no call event for too long ({@code recgate.calls.max-idle}). */
    static CallChange staleEnd(Call call, Set<String> parties) {
        return new CallChange(call, Set.of(), parties, true, null, true);
    }

    public boolean renumbered() {
        return previousConnectionId != null;
    }
}
