package org.recgate.call;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The calls the gateway knows, by connection ID, kept from the switch's call events
 * (docs/protocol.md, Call feed). A call appears with its first EventEstablished and is gone when
 * its last party is released. Each change is returned as a {@link CallChange} for the caller to act on.
 */
public final class CallRegistry {

    private final ConcurrentMap<String, Call> calls = new ConcurrentHashMap<>();
    private final Clock clock;

    public CallRegistry(Clock clock) {
        this.clock = clock;
    }

    public Optional<Call> find(String connectionId) {
        return Optional.ofNullable(calls.get(connectionId));
    }

    /** Every call known at this moment. */
    public java.util.Collection<Call> all() {
        return java.util.List.copyOf(calls.values());
    }

    public int size() {
        return calls.size();
    }

    /**
     * A call a state record kept, known again after a restart (docs/durable-state.md §10); a call the
     * feed has already brought meanwhile is kept as it is. Returns the call now known.
     */
    public Call restore(CallSnapshot snapshot) {
        return calls.computeIfAbsent(snapshot.connectionId(), id -> Call.restored(snapshot));
    }

    /** EventEstablished: {@code thisDn} and {@code otherDn} are on the call. */
    public CallChange established(String connectionId, String thisDn, String otherDn,
                                  String callUuid, String ani, String dnis) {
        Call call = calls.computeIfAbsent(connectionId, id -> new Call(id, clock.instant()));
        CallChange change;
        synchronized (call) {
            call.touched(clock.instant());
            call.describe(callUuid, ani, dnis);
            Set<String> joined = new java.util.LinkedHashSet<>();
            if (call.join(thisDn)) {
                joined.add(thisDn);
            }
            if (call.join(otherDn)) {
                joined.add(otherDn);
            }
            change = new CallChange(call, joined, Set.of(), false);
        }
        return change;
    }

    /**
     * EventPartyChanged: {@code thirdPartyDn} left and {@code otherDn} joined (a transfer). When
     * the switch gave the call a new connection ID, the call moves to it.
     */
    public Optional<CallChange> partyChanged(String connectionId, String previousConnectionId,
                                             String otherDn, String thirdPartyDn) {
        Located located = located(connectionId, previousConnectionId);
        if (located == null) {
            return Optional.empty();
        }
        Call call = located.call();
        CallChange change;
        synchronized (call) {
            call.touched(clock.instant());
            Set<String> left = call.leave(thirdPartyDn) ? Set.of(thirdPartyDn) : Set.of();
            Set<String> joined = call.join(otherDn) ? Set.of(otherDn) : Set.of();
            change = new CallChange(call, joined, left, false, located.movedFrom());
        }
        return Optional.of(change);
    }

    /** The call an event is about, and the connection ID it was moved from (null: not moved). */
    private record Located(Call call, String movedFrom) {
    }

    private Located located(String connectionId, String previousConnectionId) {
        if (previousConnectionId == null || previousConnectionId.equals(connectionId)) {
            Call call = calls.get(connectionId);
            return call == null ? null : new Located(call, null);
        }
        Call call = calls.remove(previousConnectionId);
        if (call == null) {
            Call current = calls.get(connectionId);
            return current == null ? null : new Located(current, null);
        }
        call.renumber(connectionId);
        Call existing = calls.putIfAbsent(connectionId, call);
        return new Located(existing != null ? existing : call, previousConnectionId);
    }

    /** EventReleased: {@code thisDn} left; the call ends when no party is left. */
    public Optional<CallChange> released(String connectionId, String thisDn) {
        Call call = calls.get(connectionId);
        if (call == null) {
            return Optional.empty();
        }
        CallChange change;
        synchronized (call) {
            call.touched(clock.instant());
            Set<String> left = call.leave(thisDn) ? Set.of(thisDn) : Set.of();
            boolean ended = call.isEmpty();
            if (ended) {
                calls.remove(connectionId, call);
            }
            change = new CallChange(call, Set.of(), left, ended);
        }
        return Optional.of(change);
    }

    /**
     * The calls whose last call event is older than {@code maxIdle} (a release the gateway never
     * heard of: it was down, or the switch lost it), as changes that end them, each {@code stale}.
     * They stay known until {@link #forget} (so the end of their recordings is still indicated).
     */
    public java.util.List<CallChange> endStale(java.time.Duration maxIdle) {
        Instant cutoff = clock.instant().minus(maxIdle);
        java.util.List<CallChange> ended = new java.util.ArrayList<>();
        for (Call call : calls.values()) {
            synchronized (call) {
                if (call.lastEvent().isBefore(cutoff)) {
                    ended.add(CallChange.staleEnd(call, Set.copyOf(call.parties())));
                }
            }
        }
        return ended;
    }

    /** Forgets a call that ended without a release (stale): it is gone from now on. */
    public void forget(Call call) {
        calls.remove(call.connectionId(), call);
    }
}
