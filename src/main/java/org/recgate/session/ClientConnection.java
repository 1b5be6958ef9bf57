package org.recgate.session;

import java.net.SocketAddress;
import org.recgate.tlib.model.TlibMessage;

/**
 * The way to one client: what the wire layer gives a session (a TCP connection of the T-Library
 * listener today). Sessions and the fan-out of events know nothing of the transport behind it.
 */
public interface ClientConnection {

    /** Queues the event for the client; false when the client is gone or was closed as too slow. */
    boolean send(TlibMessage event);

    /** Sends the event, then closes the connection once it is written. */
    void sendAndClose(TlibMessage event);

    /** Closes the connection (its session then closes with it). */
    void close();

    SocketAddress remoteAddress();
}
