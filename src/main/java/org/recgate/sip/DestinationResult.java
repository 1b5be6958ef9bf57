package org.recgate.sip;

/**
 * The outcome of an operation on one destination.
 *
 * @param uri        the recorder URI that answered (or the last one tried)
 * @param role       primary or duplicate
 * @param dialect    siprec or msml
 * @param status     where the destination stands
 * @param sipStatus  the SIP status of the final answer, or null (timeout, unreachable)
 * @param detail     a plain-words reason on failure (reason phrase, MSML result text), or null
 * @param sdpAnswer  the recorder's SDP answer at setup (published so the media plane can fork), or null
 * @param resultCode MSML only: the code of the {@code <result response="...">} the media server
 *                   answered the INFO with (200 on success; e.g. 404 or 500 when it refused), or
 *                   null (SIPREC, no INFO sent, or no result in the answer)
 * @param dialogState what another gateway process needs to continue this destination's dialog
 *                    (docs/durable-state.md §2), set on every established result; JSON values only
 *                    (strings, numbers, booleans, lists, maps), opaque to the domain; or null
 * @param renewed     RESTORE only: the stored dialog was gone and a new session with the same
 *                    recording id replaced it
 */
public record DestinationResult(String uri, DestinationRole role, Dialect dialect, DestinationStatus status,
                                Integer sipStatus, String detail, String sdpAnswer, Integer resultCode,
                                java.util.Map<String, Object> dialogState, boolean renewed) {

    /** A result with an MSML result code and no dialog state. */
    public DestinationResult(String uri, DestinationRole role, Dialect dialect, DestinationStatus status,
                             Integer sipStatus, String detail, String sdpAnswer, Integer resultCode) {
        this(uri, role, dialect, status, sipStatus, detail, sdpAnswer, resultCode, null, false);
    }

    /** A result without an MSML result code (every SIPREC result). */
    public DestinationResult(String uri, DestinationRole role, Dialect dialect, DestinationStatus status,
                             Integer sipStatus, String detail, String sdpAnswer) {
        this(uri, role, dialect, status, sipStatus, detail, sdpAnswer, null);
    }
}
