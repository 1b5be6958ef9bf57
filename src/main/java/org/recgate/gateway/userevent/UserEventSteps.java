package org.recgate.gateway.userevent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.recgate.config.Role;
import org.recgate.gateway.TlibExchange;
import org.recgate.session.ClientSession;
import org.recgate.session.OutboundWriter;
import org.recgate.session.Permissions;
import org.recgate.session.SessionRegistry;
import org.recgate.tlib.model.Attr;
import org.recgate.tlib.model.ErrorCode;
import org.recgate.tlib.model.MessageName;
import org.recgate.tlib.model.Replies;
import org.recgate.tlib.model.TlibException;
import org.recgate.tlib.model.TlibMessage;
import org.recgate.userevent.ScreenCapture;
import org.recgate.userevent.ScreenCaptureStates;
import org.recgate.userevent.UserEvent;
import org.recgate.userevent.UserEvents;

/**
 * {@code RequestSendEvent} as steps of the {@code tlib-user-events} route (docs/protocol.md,
 * RequestSendEvent; docs/recording.md §6): the embedded {@code EventUserEvent} is checked, relayed to
 * the other clients registered on its DN, and acknowledged. The route branches on the
 * {@code screen-capture} value between the steps.
 */
public record UserEventSteps(SessionRegistry sessions, OutboundWriter outbound, ScreenCaptureStates states, UserEvents events) {

    /** Header: the {@code screen-capture} value of the event, when it has one. */
    public static final String SCREEN_CAPTURE_HEADER = "ScreenCapture";
    /** Property: the {@link UserEvent} being relayed. */
    public static final String USER_EVENT = "UserEvent";
    private static final String REACHED = "UserEventReached";



    /**
     * Checks the request: the sender acts for AttrThisDN (41 otherwise), AttrEvent is an
     * EventUserEvent for that DN (53 otherwise), the sender's role may send it (2002: commands
     * from desktops and supervisors, indications from vendors); sets the {@value #SCREEN_CAPTURE_HEADER} header and
     * the {@value #USER_EVENT} property.
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
        Map<String, Object> userData = event.kvList(Attr.USER_DATA);
        Object screenCapture = userData.get(ScreenCapture.KEY);
        String value = screenCapture == null ? null : screenCapture.toString();
        Permissions.checkUserEvent(session, value);
        exchange.getMessage().setHeader(SCREEN_CAPTURE_HEADER, value);
        exchange.setProperty(USER_EVENT, events.received(dn, event.string(Attr.CONNECTION_ID), userData, value,
                session.applicationName()));
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
    public void rememberState(@ExchangeProperty(USER_EVENT) UserEvent event) {
        states.indicated(event.dn(), ScreenCapture.parse(event.screenCapture()).orElseThrow());
    }

    /** Delivers {@code EventUserEvent} to every other client registered on the DN, in any mode. */
    public void relay(Exchange exchange, @ExchangeProperty(TlibExchange.SESSION) ClientSession sender,
                      @ExchangeProperty(USER_EVENT) UserEvent event) {
        TlibMessage relayed = TlibMessage.of(MessageName.EVENT_USER_EVENT)
                .with(Attr.THIS_DN, event.dn())
                .with(Attr.CONNECTION_ID, event.connectionId())
                .with(Attr.USER_DATA, event.userData());
        exchange.setProperty(REACHED, outbound.sendToOthersOn(event.dn(), sender, relayed));
    }

    /**
     * The {@code EventACK} with {@code delivered: N}. A {@code query} that reached no screen recorder
     * (no client with the vendor role on the DN) is answered from the last known state: the ACK
     * carries {@code screen-capture: <state>} when there is one.
     */
    public TlibMessage ack(@ExchangeProperty(TlibExchange.REQUEST) TlibMessage request,
                           @ExchangeProperty(USER_EVENT) UserEvent event, @ExchangeProperty(REACHED) List<ClientSession> reached) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("delivered", (long) reached.size());
        boolean vendorReached = reached.stream().anyMatch(session -> session.has(Role.VENDOR));
        if (ScreenCapture.QUERY.wireValue().equals(event.screenCapture()) && !vendorReached) {
            states.stateOf(event.dn()).ifPresent(state -> extensions.put(ScreenCapture.KEY, state.wireValue()));
        }
        return Replies.ack(request).with(Attr.EXTENSIONS, extensions);
    }
}
