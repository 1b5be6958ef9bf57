package org.recgate.call;

import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.recgate.config.Role;
import org.recgate.tlib.model.Attr;
import org.recgate.tlib.model.ErrorCode;
import org.recgate.tlib.model.MessageName;
import org.recgate.tlib.model.TlibException;
import org.recgate.tlib.model.TlibMessage;
import org.recgate.tlib.server.ClientSession;
import org.recgate.tlib.server.Replies;
import org.recgate.tlib.server.TlibExchange;

/**
 * The switch feed over T-Library: EventEstablished, EventPartyChanged and EventReleased from a
 * client whose application has the {@code switch} role (2002 for anyone else). An event is
 * answered only when it carries an AttrReferenceID (EventACK); errors are always answered.
 */
public final class CallFeed {

    private final CallRegistry calls;

    public CallFeed(CallRegistry calls) {
        this.calls = calls;
    }

    /** Applies the event to the call registry; returns the EventACK, or null when none is asked for. */
    public TlibMessage apply(@ExchangeProperty(TlibExchange.SESSION) ClientSession session, @Body TlibMessage event) {
        if (!session.has(Role.SWITCH)) {
            throw new TlibException(ErrorCode.NOT_AUTHORIZED, "application '" + session.applicationName()
                    + "' may not feed call events: give it the switch role in the DN file");
        }
        applyEvent(event);
        return event.referenceId() == null ? null : Replies.ack(event);
    }

    /** The same, for records of the Kafka call-events topic (no session, no reply). */
    public void applyEvent(TlibMessage event) {
        String connectionId = event.require(Attr.CONNECTION_ID);
        switch (event.name()) {
            case MessageName.EVENT_ESTABLISHED -> calls.established(connectionId, event.require(Attr.THIS_DN),
                    event.string(Attr.OTHER_DN), event.string(Attr.CALL_UUID), event.string(Attr.ANI), event.string(Attr.DNIS));
            case MessageName.EVENT_PARTY_CHANGED -> calls.partyChanged(connectionId, event.string(Attr.PREVIOUS_CONN_ID),
                    event.require(Attr.OTHER_DN), event.require(Attr.THIRD_PARTY_DN)).orElseThrow(() -> unknown(connectionId));
            case MessageName.EVENT_RELEASED -> calls.released(connectionId, event.require(Attr.THIS_DN))
                    .orElseThrow(() -> unknown(connectionId));
            default -> throw new TlibException(ErrorCode.UNSUPPORTED_OPERATION, event.name() + " is not a call event");
        }
    }

    private static TlibException unknown(String connectionId) {
        return new TlibException(ErrorCode.INVALID_CONNECTION_ID,
                "no call " + connectionId + " is known: the call starts with EventEstablished");
    }
}
