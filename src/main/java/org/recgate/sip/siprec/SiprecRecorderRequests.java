package org.recgate.sip.siprec;

import java.text.ParseException;
import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.recgate.sip.session.DialogRequests;
import org.recgate.sip.session.DialogOutcomes;
import org.recgate.sip.session.DialogTable;
import org.recgate.sip.session.RecorderDialog;
import org.recgate.sip.stack.SipUserAgent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a SIPREC recorder sends in a recording session's dialog (the rest is answered alike for
 * both dialects by {@code RecorderDialects}): BYE ends that destination; a re-INVITE or UPDATE
 * gets the session's current offer, and one whose metadata is a {@code <requestsnapshot>} also
 * gets a complete snapshot in an UPDATE of its own (RFC 7866 §9.2); INFO gets 200 (SIPREC puts
 * nothing in it). Called on the stack's message thread: nothing here blocks.
 */
record SiprecRecorderRequests(SipUserAgent userAgent, SiprecMessages messages, DialogTable<SiprecSession> dialogs)
        implements DialogRequests<SiprecSession> {

    private static final Logger LOG = LoggerFactory.getLogger(SiprecRecorderRequests.class);

    /**
     * A complete snapshot in an UPDATE of its own (RFC 7866 §9.2). It is built when its turn in the
     * dialog comes, so a re-INVITE still waiting for its answer is in it once accepted.
     */
    private void sendSnapshot(RecorderDialog<SiprecSession> recorderDialog, Dialog dialog) {
        long timeoutMs = recorderDialog.session().settings().timeoutMs();
        userAgent.sendInDialog(dialog, () -> messages.snapshot(dialog, recorderDialog.session()), timeoutMs, ignored -> { })
                .thenAccept(outcome -> {
                    if (!outcome.isSuccess()) {
                        LOG.warn("Recording {}: recorder {} did not take the metadata snapshot: {}",
                                recorderDialog.key().recordingId(), recorderDialog.key().uri(), outcome.describe());
                        dialogs.endIfGone(recorderDialog, outcome, "metadata snapshot");
                    }
                });
    }

    /**
     * The dialog comes from the event, not from the session: a recorder may send right after its
     * 2xx, before the session is marked live.
     */
    @Override
    public void onRequest(RecorderDialog<SiprecSession> recorderDialog, RequestEvent event, ServerTransaction transaction)
            throws ParseException {
        Request request = event.getRequest();
        Dialog dialog = event.getDialog();
        SiprecSession session = recorderDialog.session();
        switch (request.getMethod()) {
            case Request.INVITE, Request.UPDATE -> {
                boolean withSdp = Request.INVITE.equals(request.getMethod()) || SiprecMessages.sdpOf(request).isPresent();
                userAgent.answer(transaction, messages.ok(request, session, withSdp));
                if (RecordingMetadata.requestsSnapshot(SiprecMessages.textOf(request))) {
                    sendSnapshot(recorderDialog, dialog);
                }
            }
            case Request.INFO -> userAgent.answer(transaction, userAgent.response(Response.OK, request));
            default -> throw new IllegalArgumentException("not a recording session's request: " + request.getMethod());
        }
    }

    /** The recorder sent BYE: a live session ends, and says so. */
    @Override
    public void onBye(RecorderDialog<SiprecSession> recorderDialog, Request bye) {
        dialogs.forget(recorderDialog);
        if (recorderDialog.end() == RecorderDialog.State.LIVE) {
            String reason = DialogOutcomes.byeReason(bye);
            LOG.info("Recording {}: recorder {}: {}", recorderDialog.key().recordingId(), recorderDialog.key().uri(), reason);
            Integer cause = DialogOutcomes.byeCause(bye);
            if (cause != null && cause / 100 == 5) {
                dialogs.failed(recorderDialog, cause, reason); // the recorder fails (RFC 3326 Reason): fail over
            } else {
                dialogs.ended(recorderDialog, cause, reason); // the recorder decided: the destination ends
            }
        }
    }
}
