package org.recgate.tlib.server;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a {@link ClientSession} when a connection opens and drops it, with its registrations, when
 * the connection closes. Sits in the pipeline before camel-netty's handler.
 */
@Sharable
public final class SessionTracker extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(SessionTracker.class);

    private final SessionRegistry sessions;
    private final int maxPendingBytes;

    public SessionTracker(SessionRegistry sessions, int maxPendingBytes) {
        this.sessions = sessions;
        this.maxPendingBytes = maxPendingBytes;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        ctx.channel().config().setWriteBufferWaterMark(new WriteBufferWaterMark(maxPendingBytes / 2, maxPendingBytes));
        ClientSession session = sessions.open(ctx.channel());
        LOG.info("Connection opened: {}", session);
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        ClientSession session = sessions.sessionOf(ctx.channel());
        sessions.close(ctx.channel());
        LOG.info("Connection closed: {}", session);
        super.channelInactive(ctx);
    }
}
