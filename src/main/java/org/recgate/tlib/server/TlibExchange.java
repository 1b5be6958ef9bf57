package org.recgate.tlib.server;

/** Names of the exchange header and properties the T-Library routes share. */
public final class TlibExchange {
    /** Header: the request's message name; the dispatch route's {@code choice} branches on it. */
    public static final String MESSAGE = "TlibMessage";
    /** Property: the {@link ClientSession} the request came from. */
    public static final String SESSION = "TlibSession";
    /** Property: the request as received (a message, or the frame error), for the reply. */
    public static final String REQUEST = "TlibRequest";

    private TlibExchange() {
    }
}
