package org.recgate.sip.msml;

import java.text.ParseException;
import java.util.stream.Collectors;
import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.recgate.sip.session.DialogRequests;
import org.recgate.sip.session.DialogOutcomes;
import org.recgate.sip.session.RecorderDialog;
import org.recgate.sip.stack.SipUserAgent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a media server sends in one of our MSML dialogs (the rest is answered alike for both
 * dialects by {@code RecorderDialects}). Its INFOs are answered 200 at once (the 200 only says the
 * INFO arrived; the MSML event in it is read afterwards); a {@code msml.dialog.exit} the gateway
 * did not ask for ends the dialog (BYE) and each of its destinations, as does a BYE from the media
 * server. A re-INVITE or an UPDATE with SDP gets our offer again (the media does not change).
 * Called on the stack's message thread: nothing here blocks.
 */
record MsmlServerRequests(SipUserAgent userAgent, MsmlMessages messages, MsmlDialogs dialogs)
        implements DialogRequests<MsmlConnection> {

    private static final Logger LOG = LoggerFactory.getLogger(MsmlServerRequests.class);

    @Override
    public void onRequest(RecorderDialog<MsmlConnection> recorderDialog, RequestEvent event, ServerTransaction transaction)
            throws ParseException {
        MsmlConnection connection = recorderDialog.session();
        Request request = event.getRequest();
        switch (request.getMethod()) {
            case Request.INFO -> {
                userAgent.answer(transaction, userAgent.response(Response.OK, request));
                MsmlBodies.eventOf(MsmlMessages.textOf(request))
                        .ifPresent(msmlEvent -> onEvent(recorderDialog, event.getDialog(), msmlEvent));
            }
            case Request.INVITE -> userAgent.answer(transaction, messages.ok(request, connection.settings(), connection.sdp()));
            case Request.UPDATE -> userAgent.answer(transaction, messages.ok(request, connection.settings(),
                    MsmlMessages.hasSdp(request) ? connection.sdp() : null));
            default -> throw new IllegalArgumentException("not an MSML dialog's request: " + request.getMethod());
        }
    }

    /** An event from the media server: only a dialog exit we did not ask for matters. */
    private void onEvent(RecorderDialog<MsmlConnection> recorderDialog, Dialog dialog, MsmlBodies.Event event) {
        MsmlConnection connection = recorderDialog.session();
        String ours = connection.toTag() == null ? null : MsmlBodies.dialogId(connection.toTag());
        boolean ourDialog = event.id() == null || event.id().isBlank()
                || (ours != null ? event.id().equals(ours) : event.id().endsWith("/dialog:" + MsmlBodies.DIALOG_NAME));
        if (!MsmlBodies.DIALOG_EXIT.equals(event.name()) || !ourDialog || connection.ending()) {
            LOG.debug("Recording {}: media server event {} on {} ({})", recorderDialog.key().recordingId(), event.name(),
                    event.id(), connection.ending() ? "expected" : "nothing to do");
            return;
        }
        dialogs.forget(recorderDialog);
        RecorderDialog.State was = recorderDialog.end();
        if (was == RecorderDialog.State.ENDED) {
            return;
        }
        userAgent.hangUp(dialog != null ? dialog : recorderDialog.dialog());
        String details = event.values().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
        String reason = MsmlBodies.DIALOG_EXIT + (details.isEmpty() ? "" : " (" + details + ")");
        LOG.warn("Recording {}: the media server {} ended the MSML dialog on its own: {}",
                recorderDialog.key().recordingId(), recorderDialog.key().uri(), reason);
        if (was == RecorderDialog.State.LIVE) {
            dialogs.ended(recorderDialog, null, reason);
        }
    }

    /** The media server sent BYE: each record still live is a destination that ended. */
    @Override
    public void onBye(RecorderDialog<MsmlConnection> recorderDialog, Request bye) {
        dialogs.forget(recorderDialog);
        if (recorderDialog.end() == RecorderDialog.State.LIVE && !recorderDialog.session().ending()) {
            String reason = DialogOutcomes.byeReason(bye);
            LOG.info("Recording {}: media server {}: {}", recorderDialog.key().recordingId(), recorderDialog.key().uri(),
                    reason);
            dialogs.ended(recorderDialog, DialogOutcomes.byeCause(bye), reason);
        }
    }
}
