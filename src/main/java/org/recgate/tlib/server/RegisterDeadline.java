package org.recgate.tlib.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslHandler;
import java.util.concurrent.TimeUnit;
import org.recgate.session.ClientSession;
import org.recgate.session.LimitHits;
import org.recgate.tlib.model.ErrorCode;
import org.recgate.tlib.model.Replies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code recgate.tlib.register-timeout-ms} (docs/security.md, Limits): a connection that
 * has not registered its client (a successful {@code RequestRegisterClient}) that long after it
 * opened gets {@code EventError} 2001 and is closed, and counted. The check is a timer on the
 * connection's own event loop: nothing waits.
 */
public final class RegisterDeadline {

    private static final Logger LOG = LoggerFactory.getLogger(RegisterDeadline.class);

    private final long timeoutMs;
    private final LimitHits hits;

    public RegisterDeadline(long timeoutMs, LimitHits hits) {
        this.timeoutMs = timeoutMs;
        this.hits = hits;
    }

    /** Starts the clock of a connection that has just opened. */
    void start(ChannelHandlerContext ctx, ClientSession session) {
        Channel channel = ctx.channel();
        ctx.executor().schedule(() -> expire(channel, session), timeoutMs, TimeUnit.MILLISECONDS);
    }

    private void expire(Channel channel, ClientSession session) {
        if (session.isClientRegistered() || !channel.isActive()) {
            return;
        }
        hits.hit(LimitHits.Limit.REGISTER_TIMEOUT);
        LOG.info("Closing {}: no successful RequestRegisterClient within {} ms", session, timeoutMs);
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        if (tls != null && !tls.handshakeFuture().isSuccess()) {
            channel.close(); // nothing can be written before the TLS handshake
            return;
        }
        session.connection().sendAndClose(Replies.error(null, ErrorCode.CLIENT_NOT_REGISTERED,
                "no successful RequestRegisterClient within " + timeoutMs
                        + " ms of connecting: the gateway closes connections that do not register their client"));
    }
}
