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
 */
public record DestinationResult(String uri, DestinationRole role, Dialect dialect, DestinationStatus status,
                                Integer sipStatus, String detail, String sdpAnswer) {
}
