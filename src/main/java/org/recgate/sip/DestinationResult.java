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
 */
public record DestinationResult(String uri, DestinationRole role, Dialect dialect, DestinationStatus status,
                                Integer sipStatus, String detail, String sdpAnswer, Integer resultCode) {

    /** A result without an MSML result code (every SIPREC result). */
    public DestinationResult(String uri, DestinationRole role, Dialect dialect, DestinationStatus status,
                             Integer sipStatus, String detail, String sdpAnswer) {
        this(uri, role, dialect, status, sipStatus, detail, sdpAnswer, null);
    }
}
