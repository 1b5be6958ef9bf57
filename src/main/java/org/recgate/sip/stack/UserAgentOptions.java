package org.recgate.sip.stack;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.recgate.support.LeadershipLease;

/**
 * What the user agent takes besides its listening point (docs/security.md): who may send in
 * any dialog, how long a message may be, the TLS keys, and where its refusals are counted.
 *
 * @param recorderHosts   {@code host[:port]} entries whose requests are taken in every dialog
 *                        (e.g. the other nodes of a recorder cluster), besides each dialog's own recorder
 * @param maxMessageBytes the longest SIP message read; a longer one is dropped (at least 4096)
 * @param tls             the key material when the transport is TLS, else null
 * @param meters          where {@link InboundRefusals} registers its counters
 * @param lease           asked before every request is sent: while it is not held nothing goes out
 *                        (a former active of a hot-standby pair, docs/operations.md "High availability")
 */
public record UserAgentOptions(List<String> recorderHosts, int maxMessageBytes, SipTls tls, MeterRegistry meters,
                               LeadershipLease lease) {

    public static final int DEFAULT_MAX_MESSAGE_BYTES = 16384;
    /** The stack reads no less (JAIN-SIP raises a smaller MAX_MESSAGE_SIZE to this). */
    public static final int MIN_MESSAGE_BYTES = 4096;

    public UserAgentOptions {
        recorderHosts = List.copyOf(recorderHosts);
        if (maxMessageBytes < MIN_MESSAGE_BYTES || maxMessageBytes > 65535) {
            throw new IllegalArgumentException("maxMessageBytes " + maxMessageBytes + " is not from "
                    + MIN_MESSAGE_BYTES + " to 65535");
        }
        lease = lease == null ? LeadershipLease.ALWAYS : lease;
    }

    /** Always allowed to send (no hot-standby pair). */
    public UserAgentOptions(List<String> recorderHosts, int maxMessageBytes, SipTls tls, MeterRegistry meters) {
        this(recorderHosts, maxMessageBytes, tls, meters, LeadershipLease.ALWAYS);
    }

    /** No recorder hosts, the default size, no TLS, counters nobody reads. */
    public static UserAgentOptions defaults() {
        return new UserAgentOptions(List.of(), DEFAULT_MAX_MESSAGE_BYTES, null, new SimpleMeterRegistry());
    }
}
