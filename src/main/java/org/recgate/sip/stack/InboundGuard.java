package org.recgate.sip.stack;

import gov.nist.javax.sip.Utils;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPDialog;
import gov.nist.javax.sip.stack.SIPMessageValve;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.text.ParseException;
import java.util.Set;
import javax.sip.SipStack;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at every request before the stack gives it a transaction or a dialog (a JAIN-SIP message
 * valve; docs/security.md, SIP side):
 * <ul>
 * <li>an INVITE, SUBSCRIBE or REFER that belongs to no dialog of ours is answered 403 without a
 *     transaction, so it creates no dialog: the gateway is only ever the caller;</li>
 * <li>a request in one of our dialogs from anywhere but that dialog's recorder ({@link DialogPeers})
 *     is answered 403 the same way, so it changes nothing: a BYE from a foreign address does not end
 *     the recording, and the dialog's CSeq is untouched; a foreign ACK is dropped.</li>
 * </ul>
 * Everything else goes on to the stack and the user agent. Refusals are counted and logged by
 * {@link InboundRefusals}.
 *
 * @param peers    who may send in each dialog
 * @param refusals where refusals are counted and logged
 * @param stack    the stack it guards, whose dialogs it looks requests up in
 */
record InboundGuard(DialogPeers peers, InboundRefusals refusals, SIPTransactionStack stack) implements SIPMessageValve {

    private static final Logger LOG = LoggerFactory.getLogger(InboundGuard.class);
    /** The methods that make a dialog (RFC 3261 §12.1, RFC 6665 §4.1, RFC 3515): none may come from a recorder. */
    private static final Set<String> DIALOG_CREATING = Set.of(Request.INVITE, "SUBSCRIBE", Request.REFER);

    @Override
    public void init(SipStack sipStack) {
        // the stack is given when the guard is made
    }

    @Override
    public void destroy() {
        peers.clear();
    }

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        String method = request.getMethod();
        SIPDialog dialog = request.getToTag() == null ? null : stack.getDialog(request.getDialogId(true));
        String source = channel.getPeerAddress() + ":" + channel.getPeerPacketSourcePort();
        if (dialog == null) {
            if (DIALOG_CREATING.contains(method)) {
                refuse(request, channel);
                refusals.refused(InboundRefusals.Refusal.OUT_OF_DIALOG, channel.getPeerAddress(),
                        method + " outside any dialog of the gateway's from " + source + " (Call-ID " + callId(request)
                                + "): the gateway takes no calls");
                return false;
            }
            return true; // OPTIONS, or a request of a dialog that is gone: the user agent answers (200, 481)
        }
        if (peers.accepts(dialog, request.getPeerPacketSourceAddress(), request.getPeerPacketSourcePort())) {
            return true;
        }
        if (!Request.ACK.equals(method)) {
            refuse(request, channel);
        }
        refusals.refused(InboundRefusals.Refusal.FOREIGN_SOURCE, channel.getPeerAddress(),
                method + " in dialog " + callId(request) + " from " + source + ", which is not that dialog's recorder"
                        + (Request.ACK.equals(method) ? " (dropped)" : ""));
        return false;
    }

    @Override
    public boolean processResponse(Response response, MessageChannel channel) {
        return true;
    }

    /**
     * 403 back on the channel the request came on, statelessly: no transaction, no dialog. A
     * request without a To tag gets one in the answer (RFC 3261 §8.2.6.2), for its ACK to carry.
     */
    private static void refuse(SIPRequest request, MessageChannel channel) {
        SIPResponse forbidden = request.createResponse(Response.FORBIDDEN);
        try {
            if (forbidden.getTo().getTag() == null) {
                forbidden.getTo().setTag(Utils.getInstance().generateTag());
            }
            channel.sendMessage(forbidden);
        } catch (IOException | ParseException | RuntimeException e) {
            LOG.debug("Could not send 403 to {} {}", request.getMethod(), callId(request), e);
        }
    }

    private static String callId(SIPRequest request) {
        return request.getCallId() == null ? "?" : InboundRefusals.printable(request.getCallId().getCallId());
    }
}
