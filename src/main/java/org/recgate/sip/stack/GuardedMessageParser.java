package org.recgate.sip.stack;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.text.ParseException;

/**
 * The stack's message parser with a size limit and a report of what it could not read
 * (docs/security.md, SIP side): a message from the network longer than {@code maxBytes} is
 * dropped unread, one that does not parse is reported and then handled as the stack does (over
 * UDP it answers a request 400, RFC 3261 §21.4.1). Each goes to {@link InboundRefusals}, which
 * counts it and logs its start once. The stack's own logging of both is a whole-message line at DEBUG.
 * <p>
 * The stack also parses messages it keeps (copies of its own transactions' messages): those come
 * without a channel and are passed straight through.
 *
 * @param maxBytes the longest message taken; the stack's UDP buffer must be at least one byte
 *                 longer, so that a longer datagram is seen as longer, not cut to fit
 * @param refusals where drops are counted and logged
 */
record GuardedMessageParser(int maxBytes, InboundRefusals refusals) implements MessageParser, MessageParserFactory {

    /** The stack's own parser; it keeps no state between messages. */
    private static final MessageParser STACK_PARSER = new StringMsgParser();

    /** Every channel of the stack reads through this one parser. */
    @Override
    public MessageParser createMessageParser(SIPTransactionStack stack) {
        return this;
    }

    @Override
    public SIPMessage parseSIPMessage(byte[] message, boolean readBody, boolean strict, ParseExceptionListener listener)
            throws ParseException {
        if (!(listener instanceof MessageChannel channel)) {
            return STACK_PARSER.parseSIPMessage(message, readBody, strict, listener);
        }
        if (message.length > maxBytes) {
            refusals.dropped(InboundRefusals.Drop.OVERSIZED, channel.getPeerAddress(), message,
                    "longer than " + maxBytes + " bytes (recgate.sip.max-message-bytes)");
            return null; // the stack drops a message that parses to nothing
        }
        try {
            return STACK_PARSER.parseSIPMessage(message, readBody, strict, listener);
        } catch (ParseException | RuntimeException e) {
            refusals.dropped(InboundRefusals.Drop.MALFORMED, channel.getPeerAddress(), message,
                    "not a SIP message (" + e.getMessage() + ")");
            throw e;
        }
    }
}
