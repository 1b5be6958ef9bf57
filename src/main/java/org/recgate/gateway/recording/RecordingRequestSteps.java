package org.recgate.gateway.recording;

import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.recgate.call.Call;
import org.recgate.gateway.TlibExchange;
import org.recgate.recording.Completion;
import org.recgate.recording.OperationCompletion;
import org.recgate.recording.PendingOperation;
import org.recgate.recording.RecordingCommand;
import org.recgate.recording.RecordingControl;
import org.recgate.recording.RecordingExtensions;
import org.recgate.recording.RecordingRequests;
import org.recgate.recording.RequestedBy;
import org.recgate.session.ClientSession;
import org.recgate.session.Permissions;
import org.recgate.session.SessionRegistry;
import org.recgate.sip.RecorderRequest;
import org.recgate.sip.RecorderResponse;
import org.recgate.tlib.model.Attr;
import org.recgate.tlib.model.ErrorCode;
import org.recgate.tlib.model.GsipOperation;
import org.recgate.tlib.model.Replies;
import org.recgate.tlib.model.TlibException;
import org.recgate.tlib.model.TlibMessage;

/**
 * {@code RequestPrivateService} as steps of the {@code recording-control} route: each operation is
 * prepared (checks, the pending state), sent to the recorders by the route, completed (the state),
 * its outcome sent on by the route, then answered. The recording rules are {@link RecordingRequests}'
 * and {@link OperationCompletion}'s; this class only moves them between the request and the exchange.
 */
public record RecordingRequestSteps(SessionRegistry sessions, RecordingRequests requests, OperationCompletion completion) {

    static final String PENDING = "RecordingPending";
    static final String COMPLETION = "RecordingCompletion";



    /**
     * First step: the client's role (2002), the mandatory attributes (53), its right to act for
     * AttrThisDN (41), and the request's AttrPrivateMsgID in a header of that name for the route's choice.
     */
    public void admit(Exchange exchange) {
        Permissions.check(exchange.getProperty(TlibExchange.SESSION, ClientSession.class), Permissions.Action.RECORDING_CONTROL);
        TlibMessage request = request(exchange);
        exchange.getMessage().setHeader(Attr.PRIVATE_MSG_ID, request.require(Attr.PRIVATE_MSG_ID));
        String dn = request.require(Attr.THIS_DN);
        request.require(Attr.CONNECTION_ID);
        sessions.checkMayActFor(exchange.getProperty(TlibExchange.SESSION, ClientSession.class), dn);
    }

    /** The choice's last branch: an AttrPrivateMsgID that is not a recording operation (51). */
    public void unsupported(Exchange exchange) {
        throw new TlibException(ErrorCode.UNSUPPORTED_OPERATION, "AttrPrivateMsgID " + request(exchange).string(Attr.PRIVATE_MSG_ID)
                + " is not supported: send " + GsipOperation.allNames());
    }

    public List<RecorderRequest> start(Exchange exchange) {
        return pending(exchange, requests.start(command(exchange)));
    }

    public List<RecorderRequest> pause(Exchange exchange) {
        return pending(exchange, requests.pause(command(exchange)));
    }

    public List<RecorderRequest> resume(Exchange exchange) {
        return pending(exchange, requests.resume(command(exchange)));
    }

    public List<RecorderRequest> stop(Exchange exchange) {
        return pending(exchange, requests.stop(command(exchange)));
    }

    /** The recorders answered (the body: one response per request): the recordings settle. */
    public void completed(Exchange exchange, @ExchangeProperty(PENDING) PendingOperation pending,
                          @Body List<RecorderResponse> responses) {
        Completion done = completion.complete(pending, responses);
        exchange.setProperty(COMPLETION, done);
        RecordingOutcomes.leave(exchange, done.outcome());
    }

    /** The last step: EventACK with what was done, or the EventError of the first failure. */
    public TlibMessage reply(@ExchangeProperty(TlibExchange.REQUEST) TlibMessage request,
                             @ExchangeProperty(COMPLETION) Completion done) {
        if (done.failure() != null) {
            throw done.failure();
        }
        return Replies.ack(request).with(Attr.PRIVATE_MSG_ID, request.get(Attr.PRIVATE_MSG_ID)).with(Attr.EXTENSIONS, done.ack());
    }

    private static List<RecorderRequest> pending(Exchange exchange, PendingOperation pending) {
        exchange.setProperty(PENDING, pending);
        TlibExchange.onFailure(exchange, pending::undo);
        return pending.requests();
    }

    private static RecordingCommand command(Exchange exchange) {
        TlibMessage request = request(exchange);
        ClientSession session = exchange.getProperty(TlibExchange.SESSION, ClientSession.class);
        String thisDn = request.string(Attr.THIS_DN);
        return new RecordingCommand(request.string(Attr.CONNECTION_ID), thisDn,
                RecordingExtensions.parse(request.kvList(Attr.EXTENSIONS)),
                new RequestedBy(session.applicationName(), thisDn, request.referenceId()), control(session));
    }

    /** The recordings this client may control ({@link Permissions#mayControl}). */
    private static RecordingControl control(ClientSession session) {
        return new RecordingControl() {
            @Override
            public boolean mayControl(Call call, String recordedDn) {
                return Permissions.mayControl(session, call.parties(), recordedDn);
            }

            @Override
            public TlibException refused(Call call) {
                return Permissions.mayNotControl(session, call.connectionId());
            }
        };
    }

    private static TlibMessage request(Exchange exchange) {
        return exchange.getProperty(TlibExchange.REQUEST, TlibMessage.class);
    }
}
