package org.recgate.sip.stack;

import java.util.Properties;

/**
 * The JAIN-SIP settings of the project's stacks: the gateway's user agent and the demo recorder
 * (docs/stack.md §3).
 */
public final class SipStackProperties {

    private SipStackProperties() {
    }

    /**
     * What every stack uses: automatic dialog support, SLF4J logging (full messages on
     * {@code org.recgate.sip.wire}), a re-entrant listener, and one message thread, so that
     * provisional and final answers reach the listener in the order they arrived.
     */
    public static Properties base(String stackName) {
        Properties properties = new Properties();
        properties.setProperty("javax.sip.STACK_NAME", stackName);
        properties.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
        properties.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
        properties.setProperty("gov.nist.javax.sip.SERVER_LOGGER", SipMessageLog.class.getName());
        properties.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "true");
        properties.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "1");
        properties.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        return properties;
    }

    /**
     * The gateway's user agent: {@link #base} plus cached TCP connections, reused for every request
     * to a recorder, and a message size limit one byte above {@code maxMessageBytes}: that is the
     * stack's UDP buffer too, so a longer datagram arrives longer than the limit, not cut to fit it
     * ({@link GuardedMessageParser} drops it); over TCP the stack closes a connection whose message
     * runs past it. Over TLS: TLS 1.3 and 1.2, the JDK's cipher suites for them (the stack's own
     * defaults are RSA-only suites without TLS 1.3), a 10 s handshake limit, and a certificate
     * required of a recorder that connects to the gateway (docs/security.md, SIP side).
     */
    static Properties userAgent(String transport, int port, int maxMessageBytes, String[] tlsCipherSuites) {
        Properties properties = base("recgate-" + transport + "-" + port);
        properties.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
        properties.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(maxMessageBytes + 1));
        if (tlsCipherSuites != null) {
            properties.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", String.join(",", SipTls.PROTOCOLS));
            properties.setProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES", String.join(",", tlsCipherSuites));
            properties.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "Enabled");
            properties.setProperty("gov.nist.javax.sip.SSL_HANDSHAKE_TIMEOUT", "10000");
        }
        return properties;
    }
}
