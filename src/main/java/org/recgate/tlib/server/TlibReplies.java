package org.recgate.tlib.server;

import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.recgate.gateway.TlibExchange;
import org.recgate.session.ClientSession;
import org.recgate.tlib.model.InboundFrame;
import org.recgate.tlib.model.TlibMessage;

/**
 * The dispatch route's answer step: writes a request's reply (its own event, or EventACK) to the
 * client and times the request, arrival to answer ({@code recgate_tlib_request_seconds}).
 */
public final class TlibReplies {

    private final TlibMetrics metrics;

    public TlibReplies(TlibMetrics metrics) {
        this.metrics = metrics;
    }

    public void send(@ExchangeProperty(TlibExchange.SESSION) ClientSession session,
                     @ExchangeProperty(TlibExchange.REQUEST) InboundFrame request,
                     @ExchangeProperty(TlibExchange.RECEIVED_NANOS) Long receivedNanos, @Body TlibMessage reply) {
        session.connection().send(reply);
        observe(request, receivedNanos, metrics);
    }

    static void observe(InboundFrame request, Long receivedNanos, TlibMetrics metrics) {
        if (receivedNanos != null) {
            metrics.answered(request instanceof TlibMessage message ? message.name() : null, System.nanoTime() - receivedNanos);
        }
    }
}
