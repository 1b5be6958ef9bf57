package org.recgate.sip;

/**
 * A party of the recorded call, for recorder metadata (RFC 7865 participant).
 *
 * @param dn      the party's DN (or the customer's number on a trunk)
 * @param name    a display name, or null
 * @param recorded whether this is the side being recorded
 */
public record Participant(String dn, String name, boolean recorded) {
}
