package org.recgate.gateway.call;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.recgate.call.CallEvents;
import org.recgate.gateway.TlibExchange;
import org.recgate.gateway.recording.CallChangeSteps;
import org.recgate.session.ClientSession;
import org.recgate.session.Permissions;
import org.recgate.tlib.model.Replies;
import org.recgate.tlib.model.TlibMessage;

/**
 * The switch feed over T-Library, the {@code call-feed} route's step: EventEstablished,
 * EventPartyChanged and EventReleased from a client whose application has the {@code switch} role
 * (2002 for anyone else). An event is answered only when it carries an AttrReferenceID (EventACK);
 * errors are always answered.
 */
public final class SwitchFeed {

    private final CallEvents events;

    public SwitchFeed(CallEvents events) {
        this.events = events;
    }

    /** Applies the event (the change goes to the {@value CallChangeSteps#CALL_CHANGE} property); returns the EventACK or null. */
    public TlibMessage apply(Exchange exchange, @ExchangeProperty(TlibExchange.SESSION) ClientSession session,
                             @Body TlibMessage event) {
        Permissions.check(session, Permissions.Action.CALL_EVENT);
        exchange.setProperty(CallChangeSteps.CALL_CHANGE, events.apply(event));
        return event.referenceId() == null ? null : Replies.ack(event);
    }
}
