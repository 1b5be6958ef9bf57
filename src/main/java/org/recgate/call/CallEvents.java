package org.recgate.call;

import org.recgate.tlib.model.Attr;
import org.recgate.tlib.model.ErrorCode;
import org.recgate.tlib.model.MessageName;
import org.recgate.tlib.model.TlibException;
import org.recgate.tlib.model.TlibMessage;

/**
 * The switch's call events (docs/protocol.md, Call feed) applied to the call registry, whichever
 * feed they come by (T-Library or the Kafka call-events topic): EventEstablished, EventPartyChanged,
 * EventReleased. An event about a call nobody established is refused (56).
 */
public final class CallEvents {

    private final CallRegistry calls;

    public CallEvents(CallRegistry calls) {
        this.calls = calls;
    }

    /** Applies the event; returns what it changed. */
    public CallChange apply(TlibMessage event) {
        String connectionId = event.require(Attr.CONNECTION_ID);
        return switch (event.name()) {
            case MessageName.EVENT_ESTABLISHED -> calls.established(connectionId, event.require(Attr.THIS_DN),
                    event.string(Attr.OTHER_DN), event.string(Attr.CALL_UUID), event.string(Attr.ANI), event.string(Attr.DNIS));
            case MessageName.EVENT_PARTY_CHANGED -> calls.partyChanged(connectionId, event.string(Attr.PREVIOUS_CONN_ID),
                    event.require(Attr.OTHER_DN), event.require(Attr.THIRD_PARTY_DN)).orElseThrow(() -> unknown(connectionId));
            case MessageName.EVENT_RELEASED -> calls.released(connectionId, event.require(Attr.THIS_DN))
                    .orElseThrow(() -> unknown(connectionId));
            default -> throw new TlibException(ErrorCode.UNSUPPORTED_OPERATION, event.name() + " is not a call event");
        };
    }

    private static TlibException unknown(String connectionId) {
        return new TlibException(ErrorCode.INVALID_CONNECTION_ID,
                "no call " + connectionId + " is known: the call starts with EventEstablished");
    }
}
