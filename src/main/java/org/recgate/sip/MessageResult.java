package org.recgate.sip;

/**
 * How one SIP MESSAGE of a {@code messageTo} endpoint ended.
 *
 * @param uri       the target, as listed in {@code messageTo}
 * @param delivered a 2xx came back (RFC 3428 §7: 200, or 202 when the target only accepted it for delivery)
 * @param sipStatus the final status, or null when none came (timeout, not sent)
 * @param detail    "200 OK", "486 Busy Here", "no final answer within 5000 ms", "could not send MESSAGE: ..."
 */
public record MessageResult(String uri, boolean delivered, Integer sipStatus, String detail) {
}
