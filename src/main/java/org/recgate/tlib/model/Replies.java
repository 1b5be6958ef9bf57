package org.recgate.tlib.model;

import org.recgate.tlib.model.Attr;
import org.recgate.tlib.model.ErrorCode;
import org.recgate.tlib.model.FrameError;
import org.recgate.tlib.model.InboundFrame;
import org.recgate.tlib.model.MessageName;
import org.recgate.tlib.model.TlibException;
import org.recgate.tlib.model.TlibMessage;

/** Builds the answer to a request: its own event, {@code EventACK}, or {@code EventError}. */
public final class Replies {

    private Replies() {
    }

    /** A reply event echoing the request's {@code AttrReferenceID}. */
    public static TlibMessage replyTo(TlibMessage request, String eventName) {
        return TlibMessage.of(eventName).with(Attr.REFERENCE_ID, request.referenceId());
    }

    /** {@code EventACK} echoing ReferenceID, ThisDN and ConnectionID of the request. */
    public static TlibMessage ack(TlibMessage request) {
        return replyTo(request, MessageName.EVENT_ACK)
                .with(Attr.THIS_DN, request.string(Attr.THIS_DN))
                .with(Attr.CONNECTION_ID, request.string(Attr.CONNECTION_ID));
    }

    public static TlibMessage error(InboundFrame request, TlibException failure) {
        TlibMessage error = error(request, failure.errorCode(), failure.getMessage());
        if (!failure.extensions().isEmpty()) {
            error.with(Attr.EXTENSIONS, failure.extensions());
        }
        return error;
    }

    public static TlibMessage error(InboundFrame request, ErrorCode code, String message) {
        TlibMessage error = TlibMessage.of(MessageName.EVENT_ERROR);
        if (request instanceof TlibMessage received) {
            error.with(Attr.REFERENCE_ID, received.referenceId())
                    .with(Attr.THIS_DN, received.string(Attr.THIS_DN))
                    .with(Attr.CONNECTION_ID, received.string(Attr.CONNECTION_ID));
        } else if (request instanceof FrameError frameError) {
            error.with(Attr.REFERENCE_ID, frameError.referenceId());
        }
        return error.with(Attr.ERROR_CODE, (long) code.code()).with(Attr.ERROR_MESSAGE, message);
    }
}
