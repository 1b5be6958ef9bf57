package org.recgate.sip.demo;

import java.text.ParseException;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.recgate.sip.stack.ServerTransactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo recorder's SIP side: a SIPREC recording server (RFC 7866) as a user agent server, which
 * also answers as an MSML media server (RFC 5707) does. This class takes each request in its
 * server transaction and sends it where it belongs:
 * <ul>
 * <li>an initial INVITE: to {@link MsmlAnswers} when its Request-URI is {@code sip:msml=...},
 *     else to {@link SiprecAnswers};</li>
 * <li>in a dialog: to the answers of the session's kind; BYE: 200, the session is stopped;</li>
 * <li>OPTIONS: 200 with what it accepts; CANCEL: 200 without effect (every INVITE is answered at
 *     once); ACK: nothing to do;</li>
 * <li>in-dialog requests for an unknown session: 481; other methods: 405.</li>
 * </ul>
 * A refused request is answered with the {@link Refusal}'s status ({@link RecorderResponses#refuse}).
 */
final class SiprecServer implements SipListener {

    private static final Logger LOG = LoggerFactory.getLogger(SiprecServer.class);
    static final String USER = RecorderResponses.USER;

    private final SipProvider provider;
    private final RecorderSessions sessions = new RecorderSessions();
    private final RecorderResponses responses;
    private final SiprecAnswers siprec;
    private final MsmlAnswers msml;

    SiprecServer(SipProvider provider, String host, int port, String transport, RecordingFolder folder) {
        this.provider = provider;
        this.responses = new RecorderResponses(host, port, transport);
        this.siprec = new SiprecAnswers(responses, sessions, folder, host);
        this.msml = new MsmlAnswers(responses, sessions, folder, host);
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        ServerTransaction transaction = ServerTransactions.of(provider, event);
        if (transaction == null) {
            return; // an ACK, or a retransmission: the stack answers it
        }
        String callId = RecorderSessions.callId(request);
        try {
            Response response;
            try {
                response = answer(request);
            } catch (Refusal refusal) {
                LOG.info("Refused {} (Call-ID {}): {} {}", request.getMethod(), callId, refusal.status(),
                        refusal.getMessage());
                response = responses.refuse(request, refusal);
            } catch (RuntimeException e) {
                LOG.warn("Answering {} (Call-ID {}) failed", request.getMethod(), callId, e);
                response = responses.refuse(request, new Refusal(Response.SERVER_INTERNAL_ERROR, "Demo recorder failed: " + e));
            }
            transaction.sendResponse(response);
        } catch (ParseException | SipException | InvalidArgumentException e) {
            LOG.warn("Could not answer {} (Call-ID {})", request.getMethod(), callId, e);
        }
    }

    private Response answer(Request request) throws Refusal, ParseException {
        String method = request.getMethod();
        if (Request.OPTIONS.equals(method)) {
            return responses.capabilities(responses.create(Response.OK, request));
        }
        if (Request.CANCEL.equals(method)) {
            return responses.create(Response.OK, request);
        }
        boolean inDialog = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null;
        if (Request.INVITE.equals(method) && !inDialog) {
            return MsmlAnswers.isMsml(request) ? msml.invite(request) : siprec.invite(request);
        }
        if (!RecorderResponses.ALLOW.contains(method)) {
            return responses.capabilities(responses.create(Response.METHOD_NOT_ALLOWED, request));
        }
        RecorderSession<?> found = sessions.of(request);
        if (found == null) {
            throw new Refusal(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, "No recording session with this Call-ID");
        }
        if (Request.BYE.equals(method)) {
            sessions.bye(found, request);
            return responses.create(Response.OK, request);
        }
        if (found instanceof MsmlSession msmlSession) {
            return Request.INFO.equals(method) ? msml.info(msmlSession, request) : msml.offer(msmlSession, request);
        }
        DemoSession session = (DemoSession) found;
        return switch (method) {
            case Request.INVITE -> siprec.reinvite(session, request);
            case Request.UPDATE -> siprec.update(session, request);
            default -> siprec.info(session, request);
        };
    }

    /** Marks every live session stopped (the recorder is going away); sends nothing. */
    void stopAll(String cause) {
        sessions.stopAll(cause);
    }

    @Override
    public void processResponse(ResponseEvent event) {
        // the demo recorder sends no requests
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        LOG.debug("SIP transaction timeout: {}", event.getTimeout());
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.warn("Demo recorder: SIP transport error with {}:{} over {}", event.getHost(), event.getPort(),
                event.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // nothing is kept per transaction
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // After a BYE the session is gone already; a dialog the stack ends on its own (the 200 was
        // never ACKed) ends its session too, so no file says "recording" for ever.
        sessions.dialogEnded(event.getDialog().getCallId().getCallId(), "SIP dialog ended without BYE");
    }
}
