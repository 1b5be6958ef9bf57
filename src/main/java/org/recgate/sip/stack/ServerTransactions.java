package org.recgate.sip.stack;

import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server transaction a request from a peer is answered in, for every SIP listener of the
 * project (the gateway's user agent, the demo recorder). An ACK is never answered (RFC 3261 §17),
 * so it gets none; a retransmission finds its transaction and is answered by the stack (§17.2.1,
 * §17.2.2), so it gets none either.
 */
public final class ServerTransactions {

    private static final Logger LOG = LoggerFactory.getLogger(ServerTransactions.class);

    private ServerTransactions() {
    }

    /** The request's server transaction, made now if the stack made none; null when there is nothing to answer. */
    public static ServerTransaction of(SipProvider provider, RequestEvent event) {
        Request request = event.getRequest();
        if (Request.ACK.equals(request.getMethod())) {
            return null;
        }
        if (event.getServerTransaction() != null) {
            return event.getServerTransaction();
        }
        try {
            return provider.getNewServerTransaction(request);
        } catch (TransactionAlreadyExistsException e) {
            return null;
        } catch (SipException e) {
            LOG.warn("Cannot answer {} from {}: {}", request.getMethod(), request.getHeader("From"),
                    SipErrors.describe(e));
            return null;
        }
    }
}
