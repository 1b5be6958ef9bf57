package org.recgate.recording;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.recgate.tlib.model.ErrorCode;
import org.recgate.tlib.model.TlibException;

/**
 * The recordings of the calls the gateway knows, by id and by call, and the ids used lately.
 * Recording ids are unique: an id in use, or used by a recording that ended in the last
 * {@code rememberedIds} recordings, is refused (2003).
 * <p>
 * What one call may hold (docs/security.md, "Limits"): at most {@code maxPerCall} recordings
 * that have not ended (a START beyond: 58), and the last {@code endedKeptPerCall} that ended, which
 * RequestQueryCall still shows with their end cause; older ended ones are forgotten (their ids stay
 * used), so START/STOP cycles on one long call do not pile up.
 */
public final class RecordingRegistry {

    /** The bounds of one call's recordings. */
    public record Limits(int maxPerCall, int endedKeptPerCall) {
    }

    private final ConcurrentMap<String, Recording> byId = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, List<Recording>> byCall = new ConcurrentHashMap<>();
    private final Map<String, Boolean> endedIds;
    private final Limits limits;
    private final Runnable limitHit;

    /** {@code limitHit}: told of each recording refused for {@code limits.maxPerCall()} (a meter). */
    public RecordingRegistry(int rememberedIds, Limits limits, Runnable limitHit) {
        this.endedIds = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > rememberedIds;
            }
        });
        this.limits = limits;
        this.limitHit = limitHit;
    }

    /**
     * Adds a new recording (state Off, about to start). Refused when its id is taken (2003), the
     * same side of the call is already being recorded (43), or the call has
     * {@code maxPerCall} recordings that have not ended (58). The checks, the add and forgetting
     * the call's oldest ended recordings are one step.
     */
    public void add(Recording recording) {
        byCall.compute(recording.connectionId(), (connectionId, recordings) -> {
            List<Recording> list = recordings == null ? new CopyOnWriteArrayList<>() : recordings;
            checkIdFree(recording.id());
            list.stream().filter(r -> r.recordedDn().equals(recording.recordedDn()) && r.state() != RecordingState.OFF)
                    .findFirst().ifPresent(r -> {
                        throw new TlibException(ErrorCode.IN_SAME_STATE, "DN " + recording.recordedDn() + " of call "
                                + connectionId + " is already being recorded (recording " + r.id() + ", " + r.state().wireName() + ")");
                    });
            long live = list.stream().filter(r -> !r.ended()).count();
            if (live >= limits.maxPerCall()) {
                limitHit.run();
                throw new TlibException(ErrorCode.OUT_OF_SERVICE, "call " + connectionId + " already has " + live
                        + " recordings that have not ended, the most recgate.recording.max-per-call allows: stop one first");
            }
            forgetOldestEnded(list);
            byId.put(recording.id(), recording);
            list.add(recording);
            return list;
        });
    }

    /**
     * A recording a state record kept, known again after a restart (docs/durable-state.md §10),
     * without the checks of {@link #add}: it was admitted when it started. False when its id is
     * already known (the recording is kept as it is).
     */
    public boolean restore(Recording recording) {
        if (byId.putIfAbsent(recording.id(), recording) != null) {
            return false;
        }
        byCall.computeIfAbsent(recording.connectionId(), id -> new CopyOnWriteArrayList<>()).add(recording);
        return true;
    }

    /** A recording of the call ended: its ended ones beyond the last {@code endedKeptPerCall} are forgotten. */
    public void forgetOldEnded(String connectionId) {
        byCall.computeIfPresent(connectionId, (id, list) -> {
            forgetOldestEnded(list);
            return list;
        });
    }

    /** Keeps the call's last {@code endedKeptPerCall} ended recordings; the others' ids stay used. */
    private void forgetOldestEnded(List<Recording> list) {
        List<Recording> ended = list.stream().filter(Recording::ended).toList();
        for (Recording old : ended.subList(0, Math.max(0, ended.size() - limits.endedKeptPerCall()))) {
            list.remove(old);
            byId.remove(old.id(), old);
            endedIds.put(old.id(), Boolean.TRUE);
        }
    }

    /** 2003 when the id is in use or was used lately. */
    public void checkIdFree(String id) {
        if (byId.containsKey(id) || endedIds.containsKey(id)) {
            throw new TlibException(ErrorCode.DUPLICATE_RECORDING_ID, "recording id '" + id
                    + "' is already used: send another id, or none to have one generated");
        }
    }

    public Optional<Recording> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The call's recordings, oldest first: those not ended, and its last ended ones until the call ends. */
    public List<Recording> ofCall(String connectionId) {
        List<Recording> recordings = byCall.get(connectionId);
        return recordings == null ? List.of() : List.copyOf(recordings);
    }

    /**
     * The call's recordings go with it to its new connection ID (EventPartyChanged with
     * AttrPreviousConnID): they keep running and are found, paused and stopped under the new ID.
     */
    public void moveCall(String previousConnectionId, String connectionId) {
        List<Recording> moved = byCall.remove(previousConnectionId);
        if (moved == null) {
            return;
        }
        moved.forEach(recording -> recording.movedTo(connectionId));
        byCall.merge(connectionId, moved, (existing, added) -> {
            existing.addAll(added);
            return existing;
        });
    }

    /** Forgets a recording whose start failed: its id may be used again. */
    public void discard(Recording recording) {
        byId.remove(recording.id(), recording);
        byCall.computeIfPresent(recording.connectionId(), (id, list) -> {
            list.remove(recording);
            return list.isEmpty() ? null : list;
        });
    }

    /** Forgets the call's recordings (the call has ended); their ids stay used. */
    public List<Recording> removeCall(String connectionId) {
        List<Recording> recordings = byCall.remove(connectionId);
        if (recordings == null) {
            return List.of();
        }
        for (Recording recording : recordings) {
            byId.remove(recording.id(), recording);
            endedIds.put(recording.id(), Boolean.TRUE);
        }
        return new ArrayList<>(recordings);
    }

    /**
     * GSIP_RECORD of the call (docs/recording.md §2): On if any recording is On, Paused if all live
     * ones are Paused, else Off.
     */
    public String gsipRecord(String connectionId) {
        List<RecordingState> reported = ofCall(connectionId).stream().map(Recording::reported).toList();
        if (reported.contains(RecordingState.ON)) {
            return RecordingState.ON.gsipValue();
        }
        return (reported.contains(RecordingState.PAUSED) ? RecordingState.PAUSED : RecordingState.OFF).gsipValue();
    }

    public int size() {
        return byId.size();
    }

    /** How many recordings of the known calls are in {@code state} now (a gauge; walks them all). */
    public long countIn(RecordingState state) {
        return byId.values().stream().filter(recording -> recording.state() == state).count();
    }
}
