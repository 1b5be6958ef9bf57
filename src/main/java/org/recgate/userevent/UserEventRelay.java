package org.recgate.userevent;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.recgate.config.Role;
import org.recgate.tlib.model.Attr;
import org.recgate.tlib.model.ErrorCode;
import org.recgate.tlib.model.MessageName;
import org.recgate.tlib.model.TlibException;
import org.recgate.tlib.model.TlibMessage;
import org.recgate.tlib.server.ClientSession;
import org.recgate.tlib.server.OutboundWriter;
import org.recgate.tlib.server.Replies;
import org.recgate.tlib.server.SessionRegistry;
import org.recgate.tlib.server.TlibExchange;

/**
 * {@code RequestSendEvent}: relays the embedded {@code EventUserEvent} to the other clients
 * registered on its DN (TLIB-PROTOCOL.md, RequestSendEvent; RECORDING.md §6). The route file
 * {@code tlib-user-events.camel.yaml} branches on the {@code screen-capture} value between the steps.
 */
public final class UserEventRelay {

    /** Header: the {@code screen-capture} value of the event, when it has one. */
    public static final String SCREEN_CAPTURE_HEADER = "ScreenCapture";

    private final SessionRegistry sessions;
    private final OutboundWriter outbound;
    private final ScreenCaptureStates states;

    public UserEventRelay(SessionRegistry sessions, OutboundWriter outbound, ScreenCaptureStates states) {
        this.sessions = sessions;
        this.outbound = outbound;
        this.states = states;
    }

    /**
     * Checks the request: the sender acts for AttrThisDN (41 otherwise), AttrEvent is an
     * EventUserEvent for that DN (53 otherwise); sets the {@value #SCREEN_CAPTURE_HEADER} header.
     */
    public void admit(Exchange exchange) {
        ClientSession session = exchange.getProperty(TlibExchange.SESSION, ClientSession.class);
        TlibMessage request = exchange.getMessage().getBody(TlibMessage.class);
        String dn = request.require(Attr.THIS_DN);
        sessions.checkMayActFor(session, dn);
        TlibMessage event = embeddedEvent(request);
        String eventDn = event.string(Attr.THIS_DN);
        if (eventDn != null && !eventDn.equals(dn)) {
            throw new TlibException(ErrorCode.INVALID_ATTRIBUTE, "AttrEvent.AttrThisDN (" + eventDn
                    + ") must be the same as AttrThisDN (" + dn + ")");
        }
        Object screenCapture = event.kvList(Attr.USER_DATA).get(ScreenCapture.KEY);
        exchange.getMessage().setHeader(SCREEN_CAPTURE_HEADER, screenCapture == null ? null : screenCapture.toString());
    }

    private static TlibMessage embeddedEvent(TlibMessage request) {
        if (!(request.get(Attr.EVENT) instanceof TlibMessage event)) {
            throw new TlibException(ErrorCode.INVALID_ATTRIBUTE,
                    "RequestSendEvent needs AttrEvent: {\"message\": \"EventUserEvent\", \"AttrUserData\": {...}}");
        }
        if (!MessageName.EVENT_USER_EVENT.equals(event.name())) {
            throw new TlibException(ErrorCode.INVALID_ATTRIBUTE,
                    "AttrEvent must be an EventUserEvent, not " + event.name());
        }
        return event;
    }

    /** A {@code screen-capture} value that is neither a desktop command nor a vendor indication. */
    public void rejectScreenCapture(@Header(SCREEN_CAPTURE_HEADER) String value) {
        throw new TlibException(ErrorCode.INVALID_ATTRIBUTE, "screen-capture '" + value
                + "' is not known: a desktop sends start, stop, pause, resume or query;"
                + " a screen recorder sends enabled, disabled or paused");
    }

    /** A vendor indication: remembers the DN's screen-capture state. */
    public void rememberState(@Body TlibMessage request, @Header(SCREEN_CAPTURE_HEADER) String value) {
        states.indicated(request.string(Attr.THIS_DN), ScreenCapture.parse(value).orElseThrow());
    }

    /**
     * Delivers {@code EventUserEvent} to every other client registered on the DN, in any mode, and
     * returns the {@code EventACK} with {@code delivered: N}. A {@code query} that reaches no
     * screen recorder (no client with the vendor role on the DN) is answered from the last known
     * state: the ACK carries {@code screen-capture: <state>} when there is one.
     */
    public TlibMessage relay(@ExchangeProperty(TlibExchange.SESSION) ClientSession sender, @Body TlibMessage request,
                             @Header(SCREEN_CAPTURE_HEADER) String screenCapture) {
        String dn = request.string(Attr.THIS_DN);
        TlibMessage source = (TlibMessage) request.get(Attr.EVENT);
        TlibMessage event = TlibMessage.of(MessageName.EVENT_USER_EVENT)
                .with(Attr.THIS_DN, dn)
                .with(Attr.CONNECTION_ID, source.string(Attr.CONNECTION_ID))
                .with(Attr.USER_DATA, source.kvList(Attr.USER_DATA));
        int delivered = 0;
        boolean vendorReached = false;
        for (ClientSession target : sessions.sessionsOn(dn)) {
            if (target != sender && outbound.send(target, event)) {
                delivered++;
                vendorReached |= target.has(Role.VENDOR);
            }
        }
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("delivered", (long) delivered);
        if (ScreenCapture.QUERY.wireValue().equals(screenCapture) && !vendorReached) {
            states.stateOf(dn).ifPresent(state -> extensions.put(ScreenCapture.KEY, state.wireValue()));
        }
        return Replies.ack(request).with(Attr.EXTENSIONS, extensions);
    }
}
