package org.recgate.tlib.server;

import io.netty.channel.ChannelHandlerContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.netty.NettyConstants;
import org.recgate.gateway.TlibExchange;
import org.recgate.session.ClientSession;
import org.recgate.session.SessionRegistry;
import org.recgate.tlib.model.Attr;
import org.recgate.tlib.model.ErrorCode;
import org.recgate.tlib.model.FrameError;
import org.recgate.tlib.model.InboundFrame;
import org.recgate.tlib.model.MessageName;
import org.recgate.tlib.model.TlibException;
import org.recgate.tlib.model.TlibMessage;

/**
 * First step of every request: finds the client's session, refuses a line over the client's request
 * rate (58, {@link RequestRateLimit}), turns a bad frame into {@code EventError} 53, refuses everything
 * before {@code RequestRegisterClient} (2001), and sets the {@value TlibExchange#MESSAGE} header the
 * dispatch route branches on.
 */
public record TlibRequestGate(SessionRegistry sessions, TlibMetrics metrics, RequestRateLimit requestRate) {

    public void admit(Exchange exchange) {
        exchange.setProperty(TlibExchange.RECEIVED_NANOS, System.nanoTime());
        ChannelHandlerContext context = exchange.getMessage()
                .getHeader(NettyConstants.NETTY_CHANNEL_HANDLER_CONTEXT, ChannelHandlerContext.class);
        ClientSession session = context.channel().attr(NettyConnection.SESSION).get();
        if (session == null || !sessions.isOpen(session)) {
            exchange.setRouteStop(true); // the connection closed while the request waited: nobody to answer
            return;
        }
        InboundFrame frame = exchange.getMessage().getBody(InboundFrame.class);
        exchange.setProperty(TlibExchange.SESSION, session);
        exchange.setProperty(TlibExchange.REQUEST, frame);
        metrics.request(frame instanceof TlibMessage message ? message.name() : null);
        requestRate.admit(context.channel(), session);
        if (frame instanceof FrameError error) {
            throw new TlibException(ErrorCode.INVALID_ATTRIBUTE, error.reason());
        }
        TlibMessage request = (TlibMessage) frame;
        if (!session.isClientRegistered() && !MessageName.REQUEST_REGISTER_CLIENT.equals(request.name())) {
            throw new TlibException(ErrorCode.CLIENT_NOT_REGISTERED,
                    request.name() + " was sent before RequestRegisterClient: register the client application first");
        }
        if (request.name().startsWith("Request") && request.referenceId() == null) {
            throw new TlibException(ErrorCode.INVALID_ATTRIBUTE,
                    request.name() + " needs " + Attr.REFERENCE_ID + ", a positive integer the reply will echo");
        }
        exchange.getMessage().setHeader(TlibExchange.MESSAGE, request.name());
        exchange.getMessage().setBody(request);
    }

    /** The dispatch route's last branch: a message the gateway does not know. */
    public void unsupported(Exchange exchange) {
        String name = exchange.getMessage().getHeader(TlibExchange.MESSAGE, String.class);
        throw new TlibException(ErrorCode.UNSUPPORTED_OPERATION,
                "the gateway does not support " + name + "; see docs/protocol.md for the messages it takes");
    }
}
