package org.recgate.testing;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.recgate.session.ClientConnection;
import org.recgate.tlib.model.TlibMessage;

/** A client connection that keeps what it was sent, for tests of sessions and route steps without a socket. */
public final class TestConnection implements ClientConnection {

    private final List<TlibMessage> sent = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    @Override
    public boolean send(TlibMessage event) {
        if (closed) {
            return false;
        }
        sent.add(event);
        return true;
    }

    @Override
    public void sendAndClose(TlibMessage event) {
        send(event);
        close();
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public SocketAddress remoteAddress() {
        return InetSocketAddress.createUnresolved("test-client", 1);
    }

    public List<TlibMessage> sent() {
        return sent;
    }

    public boolean closed() {
        return closed;
    }
}
