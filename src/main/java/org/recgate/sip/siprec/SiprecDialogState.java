package org.recgate.sip.siprec;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.sip.Dialog;
import org.recgate.sip.RecordingSessionSpec;
import org.recgate.sip.session.MediaDirection;
import org.recgate.sip.takeover.StoredDialog;

/**
 * A SIPREC recording session's dialog state, as a {@code DestinationResult} carries it and a
 * RESTORE gives it back (docs/sip-recorder.md, "Restoring a recording"):
 * {@code {"dialog": <StoredDialog>, "siprec": {"metadataIds": {...}, "sdpSessionId": n}}}. The
 * dialog part is docs/durable-state.md §2; the SIPREC part is what the takeover re-INVITE needs to
 * describe the same session with the same RFC 7865 object ids (§3). The media direction and the
 * {@code o=} version are those of the stored offer.
 *
 * @param dialog       the dialog as last accepted
 * @param ids          the session's metadata object ids
 * @param sdpSessionId the SDP {@code o=} session id
 */
record SiprecDialogState(StoredDialog dialog, MetadataIds ids, long sdpSessionId) {

    static final String DIALOG = "dialog";
    static final String SIPREC = "siprec";
    static final String METADATA_IDS = "metadataIds";
    static final String SDP_SESSION_ID = "sdpSessionId";

    /** The state of {@code session}'s dialog, read from the stack once the 2xx to its offer is ACKed. */
    static Map<String, Object> capture(Dialog dialog, String recorder, String transport, SiprecSession session,
                                       String answer) {
        return new SiprecDialogState(StoredDialog.capture(dialog, recorder, transport, session.sdp(), answer),
                session.ids(), session.sdpSessionId()).toMap();
    }

    Map<String, Object> toMap() {
        Map<String, Object> siprec = new LinkedHashMap<>();
        siprec.put(METADATA_IDS, ids.asMap());
        siprec.put(SDP_SESSION_ID, sdpSessionId);
        Map<String, Object> state = new LinkedHashMap<>();
        state.put(DIALOG, dialog.toMap());
        state.put(SIPREC, siprec);
        return state;
    }

    /** The state in {@code map} ({@link #toMap()}); an {@link IllegalArgumentException} saying what is wrong with it. */
    static SiprecDialogState fromMap(Map<String, Object> map) {
        Map<?, ?> siprec = part(map, SIPREC);
        if (!(siprec.get(SDP_SESSION_ID) instanceof Number sessionId) || sessionId.longValue() < 1) {
            throw new IllegalArgumentException("dialog state: siprec." + SDP_SESSION_ID + " is not a positive number: "
                    + siprec.get(SDP_SESSION_ID));
        }
        return new SiprecDialogState(StoredDialog.fromMap(part(map, DIALOG)), MetadataIds.of(part(siprec, METADATA_IDS)),
                sessionId.longValue());
    }

    /** The offer the stored one was: paused ({@code a=inactive}) or capturing. */
    MediaDirection direction() {
        return dialog.sdpOffer().contains(MediaDirection.INACTIVE.sdpAttribute()) ? MediaDirection.INACTIVE
                : MediaDirection.SENDONLY;
    }

    /**
     * The session as this process continues it: the same ids, SDP session id and direction, the
     * recording as {@code spec} describes it, and the takeover's offer one version above the stored one
     * (RFC 3264 §8).
     */
    SiprecSession session(RecordingSessionSpec spec, SiprecSettings settings) {
        return new SiprecSession(spec, settings, ids, sdpSessionId, dialog.sdpVersion() + 1, direction());
    }

    private static Map<?, ?> part(Map<?, ?> map, String name) {
        if (!(map.get(name) instanceof Map<?, ?> part)) {
            throw new IllegalArgumentException("dialog state: no '" + name + "' object");
        }
        return part;
    }
}
