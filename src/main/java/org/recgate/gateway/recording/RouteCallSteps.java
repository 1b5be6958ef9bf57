package org.recgate.gateway.recording;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.recgate.gateway.TlibExchange;
import org.recgate.recording.RecordingFactory;
import org.recgate.recording.RequestedBy;
import org.recgate.recording.RoutingDecision;
import org.recgate.recording.RoutingDecisions;
import org.recgate.recording.RoutingExtensions;
import org.recgate.session.ClientSession;
import org.recgate.session.Permissions;
import org.recgate.session.SessionRegistry;
import org.recgate.tlib.json.TlibJson;
import org.recgate.tlib.model.Attr;
import org.recgate.tlib.model.TlibMessage;
import org.recgate.tlib.model.Replies;

/**
 * {@code RequestRouteCall} (docs/protocol.md, RequestRouteCall): the recording decision is checked and remembered
 * for the call (applied when the call is established at the target, docs/recording.md §1 way 2),
 * the request goes on to the switch through the route's endpoint, and the client gets EventACK.
 * Steps of the {@code route-call} route.
 */
public record RouteCallSteps(SessionRegistry sessions, RoutingDecisions decisions, RecordingFactory factory) {

    /** The client's role (2002), the mandatory attributes (53) and its right to act for the routing point, AttrThisDN (41). */
    public void admit(Exchange exchange) {
        Permissions.check(exchange.getProperty(TlibExchange.SESSION, ClientSession.class), Permissions.Action.ROUTE_CALL);
        TlibMessage request = request(exchange);
        String routingPoint = request.require(Attr.THIS_DN);
        request.require(Attr.CONNECTION_ID);
        request.require(Attr.OTHER_DN);
        sessions.checkMayActFor(exchange.getProperty(TlibExchange.SESSION, ClientSession.class), routingPoint);
    }

    /**
     * Remembers the decision when {@code record} is given: bad values (53), destinations not
     * allowed (2004) and an id in use (2003) are refused now, not when the call arrives.
     */
    public void remember(Exchange exchange) {
        TlibMessage request = request(exchange);
        RoutingExtensions extensions = RoutingExtensions.parse(request.kvList(Attr.EXTENSIONS));
        if (extensions.record().isEmpty()) {
            return; // a route with nothing to say about recording
        }
        factory.check(extensions.recording());
        ClientSession session = exchange.getProperty(TlibExchange.SESSION, ClientSession.class);
        RoutingDecision decision = new RoutingDecision(request.string(Attr.CONNECTION_ID), request.string(Attr.THIS_DN),
                request.string(Attr.OTHER_DN), extensions,
                new RequestedBy(session.applicationName(), request.string(Attr.THIS_DN), request.referenceId()));
        Optional<RoutingDecision> replaced = decisions.remember(decision);
        TlibExchange.onFailure(exchange, () -> decisions.restore(decision, replaced));
    }

    /** The request as the switch endpoint gets it: one JSON line, the T-Library message as the client sent it. */
    public String forSwitch(Exchange exchange) {
        return TlibJson.toJson(request(exchange));
    }

    /** EventACK with the {@code record} the gateway will apply. */
    public TlibMessage acknowledge(Exchange exchange) {
        TlibMessage request = request(exchange);
        RoutingExtensions extensions = RoutingExtensions.parse(request.kvList(Attr.EXTENSIONS));
        TlibMessage ack = Replies.ack(request).with(Attr.OTHER_DN, request.string(Attr.OTHER_DN));
        if (!extensions.record().isEmpty()) {
            Map<String, Object> echo = new LinkedHashMap<>();
            echo.put("record", extensions.record().stream().map(RoutingExtensions.RouteRecord::wireName)
                    .collect(Collectors.joining(",")));
            ack.with(Attr.EXTENSIONS, echo);
        }
        return ack;
    }

    private static TlibMessage request(Exchange exchange) {
        return exchange.getProperty(TlibExchange.REQUEST, TlibMessage.class);
    }
}
