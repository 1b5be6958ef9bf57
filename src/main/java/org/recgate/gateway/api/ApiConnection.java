package org.recgate.gateway.api;

import java.net.SocketAddress;
import java.util.Objects;
import org.recgate.session.ClientConnection;
import org.recgate.tlib.model.TlibMessage;

/**
 * The connection of one REST request's session: it takes the answer to the request (the event that
 * echoes its AttrReferenceID: EventACK or EventError), which becomes the HTTP answer; the events a
 * T-Library client of the same DN would also get (EventAttachedDataChanged) are dropped, as the
 * request does not wait for them.
 */
final class ApiConnection implements ClientConnection {

    private final SocketAddress remote;
    private final long referenceId;
    private volatile TlibMessage answer;

    ApiConnection(SocketAddress remote, long referenceId) {
        this.remote = remote;
        this.referenceId = referenceId;
    }

    /** The EventACK or EventError of the request; null while it has none. */
    TlibMessage answer() {
        return answer;
    }

    @Override
    public boolean send(TlibMessage event) {
        if (answer == null && Objects.equals(event.referenceId(), referenceId)) {
            answer = event;
        }
        return true;
    }

    @Override
    public void sendAndClose(TlibMessage event) {
        send(event);
    }

    @Override
    public void close() {
        // nothing to close: the session ends with the HTTP request (ApiRequests.answer)
    }

    @Override
    public SocketAddress remoteAddress() {
        return remote;
    }
}
