package org.recgate.tlib.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.util.AttributeKey;
import java.net.SocketAddress;
import org.recgate.session.ClientConnection;
import org.recgate.session.ClientSession;
import org.recgate.tlib.model.TlibMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A T-Library client's TCP connection, as its session sees it.
 * <p>
 * A client that stops reading cannot make the gateway hold its events without bound: once the
 * channel's unwritten bytes pass the high-water mark ({@code recgate.tlib.max-pending-bytes}, set by
 * {@link SessionTracker}) the connection is closed and counted, and its registrations go with it.
 */
final class NettyConnection implements ClientConnection {

    /** The session of a channel, set when it opens: the dispatch route's first step finds it here. */
    static final AttributeKey<ClientSession> SESSION = AttributeKey.valueOf("recgate.session");

    private static final Logger LOG = LoggerFactory.getLogger(NettyConnection.class);

    private final Channel channel;
    private final TlibMetrics metrics;

    NettyConnection(Channel channel, TlibMetrics metrics) {
        this.channel = channel;
        this.metrics = metrics;
    }

    @Override
    public boolean send(TlibMessage event) {
        if (!channel.isActive()) {
            return false;
        }
        if (!channel.isWritable()) {
            ChannelOutboundBuffer pending = channel.unsafe().outboundBuffer();
            LOG.warn("Closing {}: it has not read {} bytes of events", channel.attr(SESSION).get(),
                    pending == null ? "?" : pending.totalPendingWriteBytes());
            metrics.slowClientClosed();
            channel.close();
            return false;
        }
        channel.writeAndFlush(event, channel.voidPromise());
        return true;
    }

    @Override
    public void sendAndClose(TlibMessage event) {
        channel.writeAndFlush(event).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void close() {
        channel.close();
    }

    @Override
    public SocketAddress remoteAddress() {
        return channel.remoteAddress();
    }
}
