package org.recgate.gateway.session;

import java.util.Collection;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.recgate.session.OutboundWriter;
import org.recgate.tlib.model.TlibMessage;

/**
 * The send step of routes that push an event to the clients of some DNs ({@code tlibOutbound} in
 * recording-indications.camel.yaml): the step before computes the event and, in the
 * {@value #TO_DNS} header, whom it goes to.
 */
public final class OutboundSteps {

    /** Header: the DNs whose clients the event in the body goes to. */
    public static final String TO_DNS = "TlibToDns";

    private final OutboundWriter outbound;

    public OutboundSteps(OutboundWriter outbound) {
        this.outbound = outbound;
    }

    /** Sends the event once to every client registered on any of the DNs; returns how many got it. */
    public int sendToDns(@Header(TO_DNS) Collection<String> dns, @Body TlibMessage event) {
        return outbound.sendToDns(dns, event);
    }
}
