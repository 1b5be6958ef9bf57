package org.recgate.gateway;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * Names of the exchange header and properties the T-Library routes share, and the undo list that
 * keeps a failed request from leaving half-changed state.
 */
public final class TlibExchange {
    /** Header: the request's message name; the dispatch route's {@code choice} branches on it. */
    public static final String MESSAGE = "TlibMessage";
    /** Property: the {@link org.recgate.session.ClientSession} the request came from. */
    public static final String SESSION = "TlibSession";
    /** Property: the request as received (a message, or the frame error), for the reply. */
    public static final String REQUEST = "TlibRequest";

    /** Property: {@link System#nanoTime()} when the request arrived (the answer-time histogram). */
    public static final String RECEIVED_NANOS = "TlibReceivedNanos";
    /** Property: the error code a failed request was answered with (for the audit record). */
    public static final String ERROR_CODE = "TlibErrorCode";
    /** Property: what to undo when the request fails after changing something (see {@link #onFailure}). */
    public static final String UNDO = "TlibUndo";

    private TlibExchange() {
    }

    /**
     * Registers an action that puts back what this request changed, run by the error reply before
     * the EventError is sent: a failed request leaves no half-changed state. Undo actions must be
     * harmless when the change was already settled.
     */
    @SuppressWarnings("unchecked")
    public static void onFailure(Exchange exchange, Runnable undo) {
        List<Runnable> undos = exchange.getProperty(UNDO, List.class);
        if (undos == null) {
            undos = new ArrayList<>();
            exchange.setProperty(UNDO, undos);
        }
        undos.add(undo);
    }

    /** Runs the registered undo actions, newest first. */
    @SuppressWarnings("unchecked")
    public static void undo(Exchange exchange) {
        List<Runnable> undos = exchange.getProperty(UNDO, List.class);
        if (undos != null) {
            for (int i = undos.size() - 1; i >= 0; i--) {
                undos.get(i).run();
            }
            undos.clear();
        }
    }
}
