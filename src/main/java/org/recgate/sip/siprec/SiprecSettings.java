package org.recgate.sip.siprec;

import org.recgate.sip.session.DialectSettings;

import org.recgate.sip.FailoverRule;

/**
 * What a {@code sip-recorder:} endpoint sets for the SIPREC sessions it starts.
 *
 * @param timeoutMs          how long to wait for a final answer to each request
 * @param failover           which failed setups move on to the next candidate
 * @param fromUser           user part of From and Contact
 * @param domain             host part of From and of the participants' AORs ({@code sip:<dn>@<domain>})
 * @param extensionNamespace namespace of our own metadata element ({@code <rg:tlib>})
 * @param mediaAddress       address of the media source in the SDP offer
 * @param mediaPort          RTP port of the first m-line; the second uses {@code mediaPort + 2}
 */
public record SiprecSettings(long timeoutMs, FailoverRule failover, String fromUser, String domain,
                             String extensionNamespace, String mediaAddress, int mediaPort) implements DialectSettings {
}
