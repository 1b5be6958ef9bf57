package org.recgate.recording;

import org.recgate.sip.DestinationRole;
import org.recgate.sip.DestinationStatus;
import org.recgate.sip.Dialect;

/**
 * One recorder a recording goes to, and where it stands. Per-destination state is kept and
 * published (docs/recording.md §3); it changes under the recording's lock.
 */
public final class RecordingDestination {

    private String uri;
    private final java.util.List<String> candidates;
    private final DestinationRole role;
    private final Dialect dialect;
    private DestinationStatus status;
    private Integer sipStatus;
    /** What the recorder component needs to continue the dialog in another process (docs/durable-state.md §2). */
    private java.util.Map<String, Object> dialogState;

    RecordingDestination(java.util.List<String> candidates, DestinationRole role, Dialect dialect) {
        this.candidates = java.util.List.copyOf(candidates);
        this.uri = candidates.get(0);
        this.role = role;
        this.dialect = dialect;
    }

    public String uri() {
        return uri;
    }

    public java.util.List<String> candidates() {
        return candidates;
    }

    public DestinationRole role() {
        return role;
    }

    public Dialect dialect() {
        return dialect;
    }

    public DestinationStatus status() {
        return status;
    }

    public Integer sipStatus() {
        return sipStatus;
    }

    /** The dialog's state as the recorder component last reported it, or null. */
    public java.util.Map<String, Object> dialogState() {
        return dialogState;
    }

    void dialogState(java.util.Map<String, Object> dialogState) {
        this.dialogState = dialogState;
    }

    public boolean isLive() {
        return status == DestinationStatus.ESTABLISHED;
    }

    RecordingSnapshot.Destination snapshot() {
        return new RecordingSnapshot.Destination(uri, candidates, role, dialect, status, sipStatus, dialogState);
    }

    static RecordingDestination restored(RecordingSnapshot.Destination kept) {
        RecordingDestination destination = new RecordingDestination(kept.candidates(), kept.role(), kept.dialect());
        destination.update(kept.uri(), kept.status(), kept.sipStatus());
        destination.dialogState = kept.dialogState();
        return destination;
    }

    void update(String answeredUri, DestinationStatus status, Integer sipStatus) {
        this.uri = answeredUri == null ? uri : answeredUri;
        this.status = status;
        this.sipStatus = sipStatus;
    }
}
