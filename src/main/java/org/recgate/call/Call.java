package org.recgate.call;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One call as the switch feed describes it: its parties (DNs now on the call), the caller and
 * called numbers, and its user data (where {@code GSIP_RECORD} and {@code GSIP_REC_FN} live).
 * Changed only through {@link CallRegistry}, under the call's lock.
 */
public final class Call {

    private String connectionId;
    private final Instant started;
    private String callUuid;
    private String ani;
    private String dnis;
    private Instant lastEvent;
    private final Set<String> parties = new LinkedHashSet<>();
    private final Map<String, Object> userData = new LinkedHashMap<>();

    Call(String connectionId, Instant started) {
        this.connectionId = connectionId;
        this.started = started;
        this.lastEvent = started;
    }

    /** When the switch last said something about the call (its last call event). */
    public synchronized Instant lastEvent() {
        return lastEvent;
    }

    synchronized void touched(Instant when) {
        lastEvent = when;
    }

    public synchronized String connectionId() {
        return connectionId;
    }

    synchronized void renumber(String connectionId) {
        this.connectionId = connectionId;
    }

    public Instant started() {
        return started;
    }

    public synchronized String callUuid() {
        return callUuid;
    }

    public synchronized String ani() {
        return ani;
    }

    public synchronized String dnis() {
        return dnis;
    }

    /** Keeps the first value the feed gave for each (later events may omit them). */
    synchronized void describe(String callUuid, String ani, String dnis) {
        this.callUuid = this.callUuid == null ? callUuid : this.callUuid;
        this.ani = this.ani == null ? ani : this.ani;
        this.dnis = this.dnis == null ? dnis : this.dnis;
    }

    public synchronized List<String> parties() {
        return List.copyOf(parties);
    }

    public synchronized boolean hasParty(String dn) {
        return parties.contains(dn);
    }

    synchronized boolean join(String dn) {
        return dn != null && parties.add(dn);
    }

    synchronized boolean leave(String dn) {
        return parties.remove(dn);
    }

    synchronized boolean isEmpty() {
        return parties.isEmpty();
    }

    /** The party on the other side from {@code dn}: the first party that is not {@code dn}. */
    public synchronized Optional<String> otherParty(String dn) {
        return parties.stream().filter(party -> !party.equals(dn)).findFirst();
    }

    public synchronized Map<String, Object> userData() {
        return Map.copyOf(userData);
    }

    /** Sets the user-data values; returns true when any of them changed. */
    public synchronized boolean attach(Map<String, Object> values) {
        boolean changed = false;
        for (Map.Entry<String, Object> value : values.entrySet()) {
            changed |= !value.getValue().equals(userData.put(value.getKey(), value.getValue()));
        }
        return changed;
    }

    /** The call as the state record keeps it. */
    public synchronized CallSnapshot snapshot() {
        return new CallSnapshot(connectionId, started, lastEvent, callUuid, ani, dnis, List.copyOf(parties),
                Map.copyOf(userData));
    }

    /** A call as a state record kept it (a restart). */
    static Call restored(CallSnapshot snapshot) {
        Call call = new Call(snapshot.connectionId(), snapshot.started());
        call.lastEvent = snapshot.lastEvent();
        call.describe(snapshot.callUuid(), snapshot.ani(), snapshot.dnis());
        call.parties.addAll(snapshot.parties());
        call.userData.putAll(snapshot.userData());
        return call;
    }

    @Override
    public synchronized String toString() {
        return "call " + connectionId + " " + parties;
    }
}
