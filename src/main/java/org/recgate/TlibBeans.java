package org.recgate;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.recgate.config.DnDirectory;
import org.recgate.gateway.session.OutboundSteps;
import org.recgate.gateway.session.Registrations;
import org.recgate.gateway.session.ServerInfo;
import org.recgate.session.DnLimit;
import org.recgate.session.LimitHits;
import org.recgate.session.LoginThrottle;
import org.recgate.session.OutboundWriter;
import org.recgate.session.SessionRegistry;
import org.recgate.support.Meters;
import org.recgate.tlib.codec.TlibMessageDecoder;
import org.recgate.tlib.codec.TlibMessageEncoder;
import org.recgate.tlib.server.ConnectionLimit;
import org.recgate.tlib.server.FlushConsolidationFactory;
import org.recgate.tlib.server.JsonLineFrameDecoderFactory;
import org.recgate.tlib.server.RegisterDeadline;
import org.recgate.tlib.server.RequestRateLimit;
import org.recgate.tlib.server.SessionTracker;
import org.recgate.tlib.server.TlibErrorReplies;
import org.recgate.tlib.server.TlibMetrics;
import org.recgate.tlib.server.TlibReplies;
import org.recgate.tlib.server.TlibRequestGate;
import org.recgate.tlib.server.TlsHandlerFactory;
import org.recgate.userevent.ScreenCaptureStates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The T-Library listener's Netty handlers (tlib-listener) and the steps of tlib-dispatch / tlib-errors. */
final class TlibBeans {

    private static final Logger LOG = LoggerFactory.getLogger(TlibBeans.class);

    private TlibBeans() {
    }

    /** Binds the listener's beans; returns the writer other areas send client events with. */
    static OutboundWriter bind(CamelContext context, GatewaySettings settings, SessionRegistry sessions, Meters meters,
                               DnDirectory directory, ScreenCaptureStates screenCaptureStates,
                               LoginThrottle loginThrottle) {
        Registry registry = context.getRegistry();
        TlibListenerSettings listener = TlibListenerSettings.from(context.getPropertiesComponent());
        TlibMetrics metrics = new TlibMetrics(meters, sessions);
        LimitHits limitHits = new LimitHits(meters);
        RequestRateLimit requestRate = new RequestRateLimit(listener.maxRequestsPerSecond(), listener.maxRequestBurst(),
                limitHits);
        registry.bind("tlibSessions", sessions);
        registry.bind("tlibTls", TlsHandlerFactory.create(listener.tls(), context));
        LOG.info("T-Library listener: {}", listener.tls());
        registry.bind("tlibFrameDecoder", new JsonLineFrameDecoderFactory(settings.tlibMaxLineBytes()));
        registry.bind("tlibMessageDecoder", new TlibMessageDecoder());
        registry.bind("tlibSessionTracker", new SessionTracker(sessions, settings.tlibMaxPendingBytes(), metrics,
                new ConnectionLimit(listener.maxConnections(), limitHits),
                new RegisterDeadline(listener.registerTimeoutMs(), limitHits), requestRate));
        registry.bind("tlibMessageEncoder", new TlibMessageEncoder());
        registry.bind("tlibFlushConsolidation", new FlushConsolidationFactory());
        registry.bind("tlibRequestGate", new TlibRequestGate(sessions, metrics, requestRate));
        registry.bind("tlibReplies", new TlibReplies(metrics));
        registry.bind("tlibErrorReplies", new TlibErrorReplies(metrics));
        ServerInfo serverInfo = new ServerInfo(settings.serverName(), ServerInfo.implementationVersion(),
                ServerInfo.PROTOCOL_VERSION);
        registry.bind("registrations", new Registrations(sessions, directory, serverInfo, screenCaptureStates,
                loginThrottle, new DnLimit(listener.maxDnsPerClient(), listener.maxDnsByRole(), limitHits), meters));
        OutboundWriter outbound = new OutboundWriter(sessions);
        registry.bind("tlibOutbound", new OutboundSteps(outbound));
        return outbound;
    }
}
