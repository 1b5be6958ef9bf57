package org.recgate.sip.stack;

import gov.nist.core.StackLogger;
import java.util.Locale;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the JAIN-SIP stack's own log to SLF4J (logger {@code gov.nist.javax.sip}).
 * <p>
 * Without it the reference implementation insists on log4j 1.x and the stack cannot even be
 * created. Four kinds of noise are demoted to DEBUG: the stack's INFO lines (one per message
 * received, e.g. "Setting SIPMessage peerPacketSource"); the warnings about a missing TLS key or
 * trust store, which it prints at start-up even when TLS is not used; the warning for each request
 * {@link InboundGuard} refused (it logs those itself, once a minute per source); and the errors it logs
 * while {@link SipUserAgent} sends a request (a refused TCP connection comes as six ERROR lines
 * with the whole message) — the user agent reports that failure itself (UNREACHABLE).
 * The stack creates this class by name ({@code gov.nist.javax.sip.STACK_LOGGER}).
 */
public final class Slf4jStackLogger implements StackLogger {

    static final String LOGGER_NAME = "gov.nist.javax.sip";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);
    private static final ThreadLocal<Boolean> SENDING = ThreadLocal.withInitial(() -> Boolean.FALSE);

    /** Marks the current thread as sending a request whose failure its caller reports (true), or done (false). */
    static void sending(boolean sending) {
        SENDING.set(sending);
    }

    private volatile boolean enabled = true;

    @Override
    public boolean isLoggingEnabled() {
        return enabled;
    }

    @Override
    public boolean isLoggingEnabled(int level) {
        if (!enabled) {
            return false;
        }
        if (level <= TRACE_ERROR) {
            return LOG.isErrorEnabled();
        }
        if (level <= TRACE_WARN) {
            return LOG.isWarnEnabled();
        }
        if (level <= TRACE_MESSAGES) {
            // The stack hands messages to the SipMessageLog only when this level is on.
            return LOG.isDebugEnabled() || SipMessageLog.isEnabled();
        }
        return level <= TRACE_DEBUG ? LOG.isDebugEnabled() : LOG.isTraceEnabled();
    }

    @Override
    public void logTrace(String message) {
        LOG.trace(message);
    }

    @Override
    public void logDebug(String message) {
        LOG.debug(message);
    }

    @Override
    public void logDebug(String message, Exception e) {
        LOG.debug(message, e);
    }

    @Override
    public void logInfo(String message) {
        LOG.debug(message);
    }

    @Override
    public void logWarning(String message) {
        if (SENDING.get() || isAboutTls(message) || isGuardDrop(message)) {
            LOG.debug(message);
        } else {
            LOG.warn(message);
        }
    }

    @Override
    public void logError(String message) {
        logError(message, null);
    }

    @Override
    public void logError(String message, Exception e) {
        if (SENDING.get()) {
            LOG.debug(message, e);
        } else {
            LOG.error(message, e);
        }
    }

    @Override
    public void logFatalError(String message) {
        logError(message, null);
    }

    @Override
    public void logException(Throwable e) {
        if (SENDING.get()) {
            LOG.debug("JAIN-SIP: {}", e.toString(), e);
        } else {
            LOG.warn("JAIN-SIP: {}", e.toString(), e);
        }
    }

    @Override
    public void logStackTrace() {
        logStackTrace(TRACE_DEBUG);
    }

    @Override
    public void logStackTrace(int level) {
        if (isLoggingEnabled(level)) {
            LOG.debug("JAIN-SIP stack trace", new Throwable("stack trace"));
        }
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void disableLogging() {
        enabled = false;
    }

    @Override
    public void enableLogging() {
        enabled = true;
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
        LOG.debug("JAIN-SIP build {}", buildTimeStamp);
    }

    @Override
    public void setStackProperties(Properties properties) {
        // Levels come from the SLF4J configuration, not from the stack properties.
    }

    @Override
    public String getLoggerName() {
        return LOGGER_NAME;
    }

    /** The stack's line for each request {@link InboundGuard} refused, which logs and counts it itself. */
    static boolean isGuardDrop(String message) {
        return message != null && message.startsWith("Null request interface returned");
    }

    static boolean isAboutTls(String message) {
        String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
        return text.contains("tls") || text.contains("keystore") || text.contains("truststore");
    }
}
