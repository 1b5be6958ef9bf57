package org.recgate.recording;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.recgate.sip.DestinationResult;
import org.recgate.sip.DestinationRole;
import org.recgate.sip.DestinationStatus;
import org.recgate.sip.RecorderOperation;

/**
 * One recording: a side (recorded DN) of one call, sent to one or two recorders. Its state
 * changes only through {@link #transition}, which checks the expected state under the
 * recording's lock (Debezium-engine style): an illegal change changes nothing.
 */
public final class Recording {

    private final String id;
    private String connectionId;
    private final String recordedDn;
    private final Side side;
    private final Cause startCause;
    private final RequestedBy requestedBy;
    private final Instant requestedAt;
    private final List<RecordingDestination> destinations;
    private RecordingState state = RecordingState.OFF;
    /** The last stable state, the one clients were told (GSIP_RECORD, indications). */
    private RecordingState reported = RecordingState.OFF;
    private Map<String, Object> params;
    private String fileName;
    private Cause endCause;
    /** Off with no recorder left: what a retry needs when a recorder is UP again (docs/sip-recorder.md); else null. */
    private RecorderRetry retry;

    Recording(String id, String connectionId, String recordedDn, Side side, Cause startCause, RequestedBy requestedBy,
              Instant requestedAt, List<RecordingDestination> destinations, Map<String, Object> params) {
        this.id = id;
        this.connectionId = connectionId;
        this.recordedDn = recordedDn;
        this.side = side;
        this.startCause = startCause;
        this.requestedBy = requestedBy;
        this.requestedAt = requestedAt;
        this.destinations = List.copyOf(destinations);
        this.params = Map.copyOf(params);
    }

    /**
     * The one way to change state: from {@code expected} to {@code next}, if the state machine
     * allows it and the recording is still in {@code expected}. Returns the change clients are to
     * be told of, when the stable state changed (On → Paused, Off → On, ...).
     */
    public synchronized Optional<StateChange> transition(RecordingState expected, RecordingState next) {
        if (state != expected || !expected.canBecome(next)) {
            throw new IllegalTransitionException(id, expected, state, next);
        }
        state = next;
        if (!next.isStable() || next == reported) {
            return Optional.empty();
        }
        StateChange change = new StateChange(reported, next);
        reported = next;
        return Optional.of(change);
    }

    /**
     * Settles a pending operation: from {@code expected} to {@code next} only if the recording is
     * still in {@code expected} (a call release may have ended it meanwhile).
     */
    public synchronized Optional<StateChange> settle(RecordingState expected, RecordingState next) {
        return state == expected ? transition(expected, next) : Optional.empty();
    }

    /** Ends the recording from whatever state it is in (call released, recorder gone). */
    synchronized Optional<StateChange> end(Cause cause) {
        if (state == RecordingState.OFF) {
            return Optional.empty();
        }
        endCause = cause;
        return transition(state, RecordingState.OFF);
    }

    /** The stable state clients were last told of. */
    public synchronized RecordingState reported() {
        return reported;
    }

    public synchronized RecordingState state() {
        return state;
    }

    public String id() {
        return id;
    }

    public synchronized String connectionId() {
        return connectionId;
    }

    /** The switch gave the call a new connection ID (a transfer); the recording goes with it. */
    synchronized void movedTo(String connectionId) {
        this.connectionId = connectionId;
    }

    public String recordedDn() {
        return recordedDn;
    }

    public Side side() {
        return side;
    }

    public Cause startCause() {
        return startCause;
    }

    public synchronized Cause endCause() {
        return endCause;
    }

    /**
     * It ran and is Off now (stopped, its call or side gone, its recorders gone). A recording
     * about to start is Off too, but has no end cause; a failed START is discarded.
     */
    public synchronized boolean ended() {
        return state == RecordingState.OFF && endCause != null;
    }

    synchronized void endedBy(Cause cause) {
        endCause = cause;
    }

    /** What a retry on a recorder UP again needs, while the recording is Off for want of one; else null. */
    public synchronized RecorderRetry retry() {
        return retry;
    }

    synchronized void retry(RecorderRetry retry) {
        this.retry = retry;
    }

    public RequestedBy requestedBy() {
        return requestedBy;
    }

    public Instant requestedAt() {
        return requestedAt;
    }

    public synchronized Map<String, Object> params() {
        return params;
    }

    synchronized void params(Map<String, Object> params) {
        this.params = Map.copyOf(params);
    }

    public synchronized String fileName() {
        return fileName;
    }

    synchronized void fileName(String fileName) {
        this.fileName = fileName;
    }

    public synchronized List<RecordingDestination> destinations() {
        return destinations;
    }

    public synchronized List<RecordingDestination> liveDestinations() {
        return destinations.stream().filter(RecordingDestination::isLive).toList();
    }

    public synchronized Optional<RecordingDestination> destination(DestinationRole role) {
        return destinations.stream().filter(d -> d.role() == role).findFirst();
    }

    /**
     * Records where each destination stands after a START (established or failed), a STOP (ended)
     * or a RESTORE. A failed PAUSE or RESUME leaves the dialog up, so it changes nothing here; a
     * dialog that really ended is reported by the recorder consumer ({@link #destinationEnded}).
     * Every established result brings the dialog state the state record keeps (docs/durable-state.md §2).
     */
    synchronized void recordResults(RecorderOperation operation, List<DestinationResult> results) {
        boolean setsStatus = operation == RecorderOperation.START || operation == RecorderOperation.STOP
                || operation == RecorderOperation.RESTORE;
        for (DestinationResult result : results) {
            destination(result.role()).ifPresent(d -> {
                if (setsStatus) {
                    d.update(result.uri(), result.status(), result.sipStatus());
                }
                if (result.status() == DestinationStatus.ESTABLISHED && result.dialogState() != null) {
                    d.dialogState(result.dialogState());
                } else if (result.status() != DestinationStatus.ESTABLISHED && setsStatus) {
                    d.dialogState(null);
                }
            });
        }
    }

    /** A destination the recorder ended on its own; returns true when no live destination is left. */
    synchronized boolean destinationEnded(DestinationRole role, Integer sipStatus) {
        destination(role).ifPresent(d -> d.update(null, DestinationStatus.ENDED, sipStatus));
        return liveDestinations().isEmpty();
    }

    /**
     * The recording as the state record keeps it: its last reported stable state, so a recording
     * that was pausing is kept On (the PAUSE was never acknowledged). Empty when it is not On or Paused.
     */
    public synchronized java.util.Optional<RecordingSnapshot> snapshot() {
        if (reported == RecordingState.OFF || ended()) {
            return java.util.Optional.empty();
        }
        List<RecordingSnapshot.Destination> kept = destinations.stream().map(RecordingDestination::snapshot).toList();
        return java.util.Optional.of(new RecordingSnapshot(id, connectionId, recordedDn, side, startCause, requestedBy,
                requestedAt, reported, params, fileName, kept));
    }

    /** A recording a state record kept (a restart), in the state it was in. */
    static Recording restored(RecordingSnapshot snapshot) {
        Recording recording = new Recording(snapshot.id(), snapshot.connectionId(), snapshot.recordedDn(), snapshot.side(),
                snapshot.startCause(), snapshot.requestedBy(), snapshot.requestedAt(),
                snapshot.destinations().stream().map(RecordingDestination::restored).toList(), snapshot.params());
        recording.state = snapshot.state();
        recording.reported = snapshot.state();
        recording.fileName = snapshot.fileName();
        return recording;
    }

    @Override
    public String toString() {
        return "recording " + id + " of " + recordedDn + " on " + connectionId;
    }
}
