package org.recgate.tlib.server;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.netty.channel.ChannelHandlerContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.netty.NettyConstants;
import org.apache.camel.component.direct.DirectConsumerNotAvailableException;
import org.recgate.gateway.TlibExchange;
import org.recgate.session.ClientSession;
import org.recgate.tlib.model.ErrorCode;
import org.recgate.tlib.model.InboundFrame;
import org.recgate.tlib.model.Replies;
import org.recgate.tlib.model.TlibException;
import org.recgate.tlib.model.TlibMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a failed request into its {@code EventError} (the {@code tlib-errors} route configuration
 * calls this): what the request changed is undone first, then a {@link TlibException} is answered
 * as it says, anything else as 52 with the cause logged.
 */
public final class TlibErrorReplies {

    private static final Logger LOG = LoggerFactory.getLogger(TlibErrorReplies.class);
    private static final Pattern ENDPOINT = Pattern.compile("endpoint: (\\S+?)\\.? ");

    private final TlibMetrics metrics;

    public TlibErrorReplies(TlibMetrics metrics) {
        this.metrics = metrics;
    }

    public void reply(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        ClientSession session = exchange.getProperty(TlibExchange.SESSION, ClientSession.class);
        InboundFrame request = exchange.getProperty(TlibExchange.REQUEST, InboundFrame.class);
        if (session == null) {
            // failed before tlibRequestGate ran (tlib-dispatch's direct: had no consumer): answer it all the same
            session = channelSession(exchange);
            request = exchange.getMessage().getBody(InboundFrame.class);
        }
        TlibExchange.undo(exchange);
        TlibException failure = cause instanceof TlibException known ? known : internal(request, cause);
        metrics.error(failure.errorCode());
        exchange.setProperty(TlibExchange.ERROR_CODE, failure.errorCode().code());
        if (session == null) {
            LOG.warn("No client to answer with error {}: {}", failure.errorCode().code(), failure.getMessage());
            return;
        }
        TlibMessage error = Replies.error(request, failure);
        LOG.debug("{} ← {}", session, error);
        if (failure.closeConnection()) {
            session.connection().sendAndClose(error);
        } else {
            session.connection().send(error);
        }
        TlibReplies.observe(request, exchange.getProperty(TlibExchange.RECEIVED_NANOS, Long.class), metrics);
    }

    private static TlibException internal(InboundFrame request, Exception cause) {
        if (cause instanceof DirectConsumerNotAvailableException missing) {
            LOG.warn("No route serves {}: {}", request, missing.getMessage());
            return new TlibException(ErrorCode.INTERNAL, "the route that serves this request is not running ("
                    + missingEndpoint(missing) + "): its route file is being reloaded, or names a route that does not"
                    + " exist (the gateway's log and /observe/health say which); the request was not carried out,"
                    + " and sending it again may work");
        }
        LOG.error("Internal error on {}", request, cause);
        return new TlibException(ErrorCode.INTERNAL,
                "the gateway failed inside (" + (cause == null ? "unknown cause" : cause.getClass().getSimpleName())
                        + "); the request was not carried out, and sending it again may work");
    }

    private static ClientSession channelSession(Exchange exchange) {
        ChannelHandlerContext context = exchange.getMessage()
                .getHeader(NettyConstants.NETTY_CHANNEL_HANDLER_CONTEXT, ChannelHandlerContext.class);
        return context == null ? null : context.channel().attr(NettyConnection.SESSION).get();
    }

    /** "direct://user-event" out of Camel's "No consumers available on endpoint: direct://user-event. Exchange[...]". */
    private static String missingEndpoint(DirectConsumerNotAvailableException missing) {
        Matcher endpoint = ENDPOINT.matcher(String.valueOf(missing.getMessage()));
        return endpoint.find() ? "no consumer on " + endpoint.group(1) : "no consumer on its direct: endpoint";
    }
}
