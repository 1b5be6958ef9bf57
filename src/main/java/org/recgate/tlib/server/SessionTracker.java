package org.recgate.tlib.server;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import org.recgate.session.ClientSession;
import org.recgate.session.SessionRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a {@link ClientSession} when a connection opens and closes it, with its registrations, when
 * the connection closes. Sits in the pipeline before camel-netty's handler.
 */
@Sharable
public final class SessionTracker extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(SessionTracker.class);

    private final SessionRegistry sessions;
    private final int maxPendingBytes;
    private final TlibMetrics metrics;

    public SessionTracker(SessionRegistry sessions, int maxPendingBytes, TlibMetrics metrics) {
        this.sessions = sessions;
        this.maxPendingBytes = maxPendingBytes;
        this.metrics = metrics;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        ctx.channel().config().setWriteBufferWaterMark(new WriteBufferWaterMark(maxPendingBytes / 2, maxPendingBytes));
        ClientSession session = sessions.open(new NettyConnection(ctx.channel(), metrics));
        ctx.channel().attr(NettyConnection.SESSION).set(session);
        LOG.info("Connection opened: {}", session);
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        ClientSession session = ctx.channel().attr(NettyConnection.SESSION).get();
        if (session != null) {
            sessions.close(session);
            LOG.info("Connection closed: {}", session);
        }
        super.channelInactive(ctx);
    }
}
