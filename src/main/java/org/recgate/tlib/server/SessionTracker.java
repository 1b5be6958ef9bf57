package org.recgate.tlib.server;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import javax.net.ssl.SSLException;
import org.recgate.session.ClientSession;
import org.recgate.session.SessionRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a {@link ClientSession} when a connection opens and closes it, with its registrations, when
 * the connection closes. Sits in the pipeline before camel-netty's handler. A connection over
 * {@code recgate.tlib.max-connections} is closed at once and gets no session; every other one
 * starts its registration deadline and its request bucket (docs/security.md, Limits).
 * A connection that fails the TLS handshake is closed with one log line and counted.
 */
@Sharable
public final class SessionTracker extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(SessionTracker.class);

    private final SessionRegistry sessions;
    private final int maxPendingBytes;
    private final TlibMetrics metrics;
    private final ConnectionLimit connections;
    private final RegisterDeadline registerDeadline;
    private final RequestRateLimit requestRate;

    public SessionTracker(SessionRegistry sessions, int maxPendingBytes, TlibMetrics metrics, ConnectionLimit connections,
                          RegisterDeadline registerDeadline, RequestRateLimit requestRate) {
        this.sessions = sessions;
        this.maxPendingBytes = maxPendingBytes;
        this.metrics = metrics;
        this.connections = connections;
        this.registerDeadline = registerDeadline;
        this.requestRate = requestRate;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (!connections.tryOpen()) {
            ctx.close();
            return;
        }
        ctx.channel().config().setWriteBufferWaterMark(new WriteBufferWaterMark(maxPendingBytes / 2, maxPendingBytes));
        ClientSession session = sessions.open(new NettyConnection(ctx.channel(), metrics));
        ctx.channel().attr(NettyConnection.SESSION).set(session);
        requestRate.attach(ctx.channel());
        registerDeadline.start(ctx, session);
        LOG.info("Connection opened: {}", session);
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        ClientSession session = ctx.channel().attr(NettyConnection.SESSION).get();
        if (session != null) {
            connections.closed();
            sessions.close(session);
            LOG.info("Connection closed: {}", session);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        if (cause instanceof DecoderException && cause.getCause() instanceof SSLException refused) {
            metrics.tlsRefused();
            // a plain client's bytes are in NotSslRecordException's message: they may hold its password
            LOG.info("TLS refused for {}: {}", ctx.channel().remoteAddress(),
                    refused instanceof NotSslRecordException ? "it does not speak TLS" : refused.getMessage());
            ctx.close();
            return;
        }
        super.exceptionCaught(ctx, cause);
    }
}
