package org.recgate.tlib.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.util.Collection;
import org.recgate.ops.TlibMetrics;
import org.recgate.tlib.model.TlibMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes events to clients: replies and unsolicited events alike, from any thread.
 * <p>
 * A client that stops reading cannot make the gateway hold its events without bound: once a
 * channel's unwritten bytes pass the high-water mark ({@code recgate.tlib.max-pending-bytes}) the
 * connection is closed and counted, and its registrations go with it.
 */
public final class OutboundWriter {

    private static final Logger LOG = LoggerFactory.getLogger(OutboundWriter.class);

    private final SessionRegistry sessions;
    private final TlibMetrics metrics;

    public OutboundWriter(SessionRegistry sessions, TlibMetrics metrics) {
        this.sessions = sessions;
        this.metrics = metrics;
    }

    /** Sends the event to one client; false when the client is gone or was too slow. */
    public boolean send(ClientSession session, TlibMessage event) {
        Channel channel = session.channel();
        if (!channel.isActive()) {
            return false;
        }
        if (!channel.isWritable()) {
            LOG.warn("Closing {}: it has not read {} bytes of events", session,
                    channel.unsafe().outboundBuffer() == null ? "?" : channel.unsafe().outboundBuffer().totalPendingWriteBytes());
            metrics.slowClientClosed();
            channel.close();
            return false;
        }
        channel.writeAndFlush(event, channel.voidPromise());
        return true;
    }

    /** Sends the event, then closes the connection once it is written. */
    public void sendAndClose(ClientSession session, TlibMessage event) {
        session.channel().writeAndFlush(event).addListener(ChannelFutureListener.CLOSE);
    }

    /** Sends the event to every client registered on the DN (any mode); returns how many got it. */
    public int sendToDn(String dn, TlibMessage event) {
        return sendToAll(sessions.sessionsOn(dn), event);
    }

    /** Sends the event once to every client registered on any of the DNs. */
    public int sendToDns(Collection<String> dns, TlibMessage event) {
        return sendToAll(sessions.sessionsOn(dns), event);
    }

    private int sendToAll(Collection<ClientSession> targets, TlibMessage event) {
        int delivered = 0;
        for (ClientSession target : targets) {
            if (send(target, event)) {
                delivered++;
            }
        }
        return delivered;
    }
}
