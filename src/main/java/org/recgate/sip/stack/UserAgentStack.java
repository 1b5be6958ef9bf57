package org.recgate.sip.stack;

import gov.nist.core.net.NetworkLayer;
import gov.nist.javax.sip.SipStackImpl;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.sip.PeerUnavailableException;

/**
 * The user agent's JAIN-SIP stack: the reference implementation with the gateway's TLS sockets
 * ({@link TlsNetworkLayer}) in place of the stack's own SSL layer, set before any listening point
 * exists (the stack offers no setter for it, only a class name to instantiate, which could not be
 * given the keys), its parser and its message valve set before it reads anything.
 */
final class UserAgentStack extends SipStackImpl {

    private UserAgentStack(Properties properties, NetworkLayer tls) throws PeerUnavailableException {
        super(properties);
        if (tls != null) {
            this.networkLayer = tls;
        }
    }

    /**
     * The stack for a listening point of {@code transport} on {@code port}, with an
     * {@link InboundGuard} of {@code peers} before every request and a {@link GuardedMessageParser}
     * reading every message, both reporting to {@code refusals}; over TLS with the keys of
     * {@code options} (a store that cannot be used stops here, its setting named).
     */
    static SipStackImpl create(String transport, int port, UserAgentOptions options, DialogPeers peers,
                               InboundRefusals refusals) throws PeerUnavailableException {
        boolean tls = SipTarget.TLS.equalsIgnoreCase(transport);
        if (tls && options.tls() == null) {
            throw new IllegalStateException("SIP over TLS needs the TLS keys (recgate.sip.tls.*)");
        }
        SSLContext context = tls ? options.tls().context() : null;
        UserAgentStack stack = new UserAgentStack(SipStackProperties.userAgent(transport, port, options.maxMessageBytes(),
                tls ? context.getDefaultSSLParameters().getCipherSuites() : null), tls ? new TlsNetworkLayer(context) : null);
        stack.setMessageParserFactory(new GuardedMessageParser(options.maxMessageBytes(), refusals));
        stack.sipMessageValves.add(new InboundGuard(peers, refusals, stack));
        return stack;
    }
}
