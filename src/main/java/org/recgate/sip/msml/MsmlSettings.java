package org.recgate.sip.msml;

import org.recgate.sip.session.DialectSettings;

import org.recgate.sip.FailoverRule;

/**
 * What a {@code sip-recorder:} endpoint sets for the MSML dialogs it starts.
 *
 * @param timeoutMs          how long to wait for a final answer to each request (INVITE, INFO, BYE)
 * @param failover           which failed setups move on to the next candidate
 * @param fromUser           user part of From and Contact
 * @param domain             host part of From
 * @param extensionNamespace namespace of our own element in the {@code <dialogstart>} ({@code <rg:tlib>})
 * @param mediaAddress       address of the media source in the SDP offer
 * @param mediaPort          RTP port of the first m-line; the second uses {@code mediaPort + 2}
 * @param contentType        Content-Type of the MSML bodies we send in INFO
 * @param recordDest         template of each {@code <record dest>} (see {@link RecordDestination})
 * @param recordFormat       the {@code <record format>}
 * @param maxTime            the {@code <record maxtime>}
 */
public record MsmlSettings(long timeoutMs, FailoverRule failover, String fromUser, String domain,
                           String extensionNamespace, String mediaAddress, int mediaPort, String contentType,
                           String recordDest, String recordFormat, String maxTime) implements DialectSettings {
}
