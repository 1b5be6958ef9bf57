package org.recgate.recording;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Routing decisions waiting for their call to reach its target, and the DNs whose full-time
 * recording a decision disabled for a call. A decision is used once; both are forgotten when the
 * call ends. Bounded: a routing strategy may route calls the switch feed never reports (the oldest
 * decisions go first).
 */
public final class RoutingDecisions {

    private final int capacity;
    private final Map<String, RoutingDecision> waiting;
    private final Map<String, Set<String>> disabled;

    public RoutingDecisions(int capacity) {
        this.capacity = capacity;
        this.waiting = new LinkedHashMap<>();
        this.disabled = new LinkedHashMap<>();
    }

    /** Remembers the call's decision (a later RequestRouteCall for the call replaces it); returns the one replaced. */
    public synchronized Optional<RoutingDecision> remember(RoutingDecision decision) {
        RoutingDecision replaced = waiting.remove(decision.connectionId());
        waiting.put(decision.connectionId(), decision);
        evictOldest(waiting);
        return Optional.ofNullable(replaced);
    }

    /** Puts back what {@link #remember} replaced (the request failed after it). */
    public synchronized void restore(RoutingDecision decision, Optional<RoutingDecision> replaced) {
        waiting.remove(decision.connectionId(), decision);
        replaced.ifPresent(previous -> waiting.putIfAbsent(previous.connectionId(), previous));
    }

    /** The call's decision, taken (used once), when its target is among {@code joined}. */
    public synchronized Optional<RoutingDecision> takeFor(String connectionId, Collection<String> joined) {
        RoutingDecision decision = waiting.get(connectionId);
        if (decision == null || !joined.contains(decision.target())) {
            return Optional.empty();
        }
        waiting.remove(connectionId);
        return Optional.of(decision);
    }

    /** From now on in this call, the DN is not recorded full-time. */
    public synchronized void disable(String connectionId, String dn) {
        disabled.computeIfAbsent(connectionId, id -> new HashSet<>()).add(dn);
        evictOldest(disabled);
    }

    public synchronized boolean isDisabled(String connectionId, String dn) {
        Set<String> dns = disabled.get(connectionId);
        return dns != null && dns.contains(dn);
    }

    /** The call has a new connection ID: what was decided for it goes along. */
    public synchronized void moveCall(String previousConnectionId, String connectionId) {
        RoutingDecision decision = waiting.remove(previousConnectionId);
        if (decision != null) {
            waiting.put(connectionId, new RoutingDecision(connectionId, decision.routingPoint(), decision.target(),
                    decision.extensions(), decision.requestedBy()));
        }
        Set<String> dns = disabled.remove(previousConnectionId);
        if (dns != null) {
            disabled.computeIfAbsent(connectionId, id -> new HashSet<>()).addAll(dns);
        }
    }

    /** The call has ended. */
    public synchronized void forget(String connectionId) {
        waiting.remove(connectionId);
        disabled.remove(connectionId);
    }

    public synchronized int waiting() {
        return waiting.size();
    }

    private void evictOldest(Map<String, ?> map) {
        var oldest = map.keySet().iterator();
        while (map.size() > capacity && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }
}
