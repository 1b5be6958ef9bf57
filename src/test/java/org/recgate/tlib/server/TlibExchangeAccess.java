package org.recgate.tlib.server;

import org.apache.camel.Exchange;

/** Lets tests in other packages run a failed request's undo actions, as the error reply does. */
public final class TlibExchangeAccess {
    private TlibExchangeAccess() {
    }

    public static void undo(Exchange exchange) {
        TlibExchange.undo(exchange);
    }
}
