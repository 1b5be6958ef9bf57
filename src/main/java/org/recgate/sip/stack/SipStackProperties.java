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

    /** The gateway's user agent: {@link #base} plus cached TCP connections, reused for every request to a recorder. */
    static Properties userAgent(String transport, int port) {
        Properties properties = base("recgate-" + transport + "-" + port);
        properties.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
        return properties;
    }
}
