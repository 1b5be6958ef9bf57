package org.recgate.sip.takeover;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Takes over a recorder dialog another process set up, from its {@link StoredDialog} alone: sends
 * the target-refresh re-INVITE of {@link TakeoverRequests} on a new client transaction and, on its
 * final answer, either adopts the dialog the stack made of it (route set restored, 2xx ACKed,
 * RFC 3261 §13.2.2.4) or says why the dialog cannot continue ({@link TakeoverOutcome}).
 * <p>
 * It needs the stack's automatic dialog support (docs/stack.md §3): JAIN-SIP then makes a
 * {@code Dialog} of the re-INVITE as if it were an initial INVITE, which the 2xx confirms with the
 * stored Call-ID and tags; later requests (pause, resume, BYE) go in that dialog as in any other.
 * It keeps nothing itself: the caller keeps the stored dialog with the transaction and hands the
 * answer back, on the stack's message thread, before anything else is sent in the dialog.
 */
public final class DialogTakeover {

    private final TakeoverRequests requests;
    private final StackDialogRoutes routes = new StackDialogRoutes();

    /** @param contact this process's Contact, where the recorder is to send the dialog's requests from now on */
    public DialogTakeover(ContactHeader contact) {
        this.requests = new TakeoverRequests(contact);
    }

    /**
     * Sends the takeover re-INVITE of {@code stored} on a new client transaction of {@code provider},
     * with {@code applicationData} on it before it leaves (the answer may come at once); the final
     * answer goes to {@link #answered}, a timeout to {@link #noAnswer}.
     */
    public ClientTransaction send(SipProvider provider, StoredDialog stored, Object applicationData)
            throws ParseException, SipException {
        ClientTransaction transaction = provider.getNewClientTransaction(requests.reInvite(stored));
        transaction.setApplicationData(applicationData);
        transaction.sendRequest();
        return transaction;
    }

    /**
     * The takeover re-INVITE of {@code stored}, for a caller that sends it itself (the gateway's
     * user agent, whose listener ACKs every 2xx: it calls {@link #beforeAck} in its answer hook).
     */
    public Request reInvite(StoredDialog stored) throws ParseException {
        return requests.reInvite(stored);
    }

    /**
     * A 2xx to the takeover re-INVITE of {@code sent}, before the caller ACKs it in {@code dialog}
     * (the stack's dialog of the response): puts the stored route set back (docs/durable-state.md §5).
     */
    public void beforeAck(StoredDialog sent, Dialog dialog) throws ParseException {
        routes.restore(dialog, sent.routeSet());
    }

    /**
     * The final answer to the takeover re-INVITE of {@code sent}: a 2xx is ACKed in {@code dialog}
     * (the stack's dialog of the response) after its route set is put back.
     */
    public TakeoverOutcome answered(StoredDialog sent, Response response, Dialog dialog) {
        int status = response.getStatusCode();
        if (status / 100 != 2) {
            return status == Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST || status == Response.REQUEST_TIMEOUT
                    ? TakeoverOutcome.gone(sent, status, response.getReasonPhrase())
                    : TakeoverOutcome.refused(sent, status, response.getReasonPhrase());
        }
        if (dialog == null) {
            return TakeoverOutcome.refused(sent, status, "the stack made no dialog of the 2xx "
                    + "(automatic dialog support is off), so it cannot be ACKed in one");
        }
        try {
            beforeAck(sent, dialog);
            long cseq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
            dialog.sendAck(dialog.createAck(cseq));
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
            // a 2xx nobody ACKs is ended by the recorder itself with BYE (RFC 3261 §13.3.1.4)
            return TakeoverOutcome.refused(sent, status, "the 2xx could not be ACKed: " + e.getMessage());
        }
        StoredDialog now = StoredDialog.capture(dialog, sent.recorder(), sent.transport(),
                TakeoverRequests.takeoverOffer(sent), sdpOf(response));
        return TakeoverOutcome.reasserted(now, dialog, status, response.getReasonPhrase());
    }

    /** No final answer came (the transaction timed out, or the request could not be sent): the dialog is over. */
    public TakeoverOutcome noAnswer(StoredDialog sent, String detail) {
        return TakeoverOutcome.gone(sent, null, detail);
    }

    /** The answer's SDP when its body is one ({@code application/sdp}); null otherwise. */
    private static String sdpOf(Response response) {
        ContentTypeHeader type = (ContentTypeHeader) response.getHeader(ContentTypeHeader.NAME);
        byte[] body = response.getRawContent();
        if (type == null || body == null || body.length == 0
                || !"application".equalsIgnoreCase(type.getContentType()) || !"sdp".equalsIgnoreCase(type.getContentSubType())) {
            return null;
        }
        return new String(body, StandardCharsets.UTF_8);
    }
}
