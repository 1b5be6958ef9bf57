package org.recgate.sip.stack;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;
import java.util.Properties;
import javax.sip.SipStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every SIP message the stack sends or receives, in full, at DEBUG on the logger
 * {@code org.recgate.sip.wire}: the way to see what a recorder was sent and what it answered.
 * The stack creates this class by name ({@code gov.nist.javax.sip.SERVER_LOGGER}).
 */
public final class SipMessageLog implements ServerLogger {

    private static final Logger LOG = LoggerFactory.getLogger("org.recgate.sip.wire");

    static boolean isEnabled() {
        return LOG.isDebugEnabled();
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
        log(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
        log(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
        log(message, from, to, sender);
    }

    private static void log(SIPMessage message, String from, String to, boolean sender) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} -> {}\n{}", sender ? "sent" : "received", from, to, message.encode());
        }
    }

    @Override
    public void logException(Exception e) {
        LOG.debug("SIP message processing failed", e);
    }

    @Override
    public void closeLogFile() {
        // nothing to close: messages go to SLF4J
    }

    @Override
    public void setStackProperties(Properties properties) {
        // nothing to configure: the level of org.recgate.sip.wire decides
    }

    @Override
    public void setSipStack(SipStack sipStack) {
        // not needed
    }
}
