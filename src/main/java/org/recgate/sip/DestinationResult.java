package org.recgate.sip;

import java.util.Map;

/**
 * The outcome of an operation on one destination.
 *
 * @param uri         the recorder URI that answered (or the last one tried)
 * @param role        primary or duplicate
 * @param dialect     siprec or msml
 * @param status      where the destination stands
 * @param sipStatus   the SIP status of the final answer, or null (timeout, unreachable)
 * @param detail      a plain-words reason on failure (reason phrase, MSML result text), or null
 * @param sdpAnswer   the recorder's SDP answer at setup (published so the media plane can fork), or null
 * @param resultCode  MSML only: the code of the {@code <result response="...">} the media server
 *                    answered the INFO with (200 on success; e.g. 404 or 500 when it refused), or
 *                    null (SIPREC, no INFO sent, or no result in the answer)
 * @param dialogState what another gateway process needs to continue this destination's dialog
 *                    (docs/sip-recorder.md, "Restoring a recording"): set on every ESTABLISHED result
 *                    of START, PAUSE, RESUME, UPDATE and RESTORE, null otherwise. Strings, numbers,
 *                    booleans, lists and maps only (JSON as it is); opaque to all but the component,
 *                    which takes it back in {@link RecorderDestination#dialogState()} for RESTORE
 * @param renewed     RESTORE only: true when the recorder had lost the dialog and a new session
 *                    (a new dialog, the same recording id) replaced it
 */
public record DestinationResult(String uri, DestinationRole role, Dialect dialect, DestinationStatus status,
                                Integer sipStatus, String detail, String sdpAnswer, Integer resultCode,
                                Map<String, Object> dialogState, boolean renewed) {

    /** A result without an MSML result code (every SIPREC result) and without dialog state. */
    public DestinationResult(String uri, DestinationRole role, Dialect dialect, DestinationStatus status,
                             Integer sipStatus, String detail, String sdpAnswer) {
        this(uri, role, dialect, status, sipStatus, detail, sdpAnswer, null);
    }

    /** A result without dialog state. */
    public DestinationResult(String uri, DestinationRole role, Dialect dialect, DestinationStatus status,
                             Integer sipStatus, String detail, String sdpAnswer, Integer resultCode) {
        this(uri, role, dialect, status, sipStatus, detail, sdpAnswer, resultCode, null, false);
    }

    /** This result with the dialog's state as of now. */
    public DestinationResult withDialogState(Map<String, Object> state) {
        return new DestinationResult(uri, role, dialect, status, sipStatus, detail, sdpAnswer, resultCode, state, renewed);
    }

    /** This result, marked as the new session that replaced a lost dialog (RESTORE). */
    public DestinationResult asRenewed() {
        return new DestinationResult(uri, role, dialect, status, sipStatus, detail, sdpAnswer, resultCode, dialogState, true);
    }
}
