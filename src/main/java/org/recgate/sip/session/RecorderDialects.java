package org.recgate.sip.session;

import java.text.ParseException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.recgate.sip.Dialect;
import org.recgate.sip.stack.SipUserAgent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dialects of one component, and the answer to whatever recorders send. OPTIONS gets 200
 * anywhere. A request outside a dialog that has not ended gets 481 (RFC 3261 §12.2.2: no dialog to
 * match it). In one: BYE gets 200 (RFC 3261 §15.1.2) and the owning dialect ends what the dialog
 * served; a re-INVITE, UPDATE or INFO goes to the owning dialect, which knows the session;
 * MESSAGE and NOTIFY get 200; any other method 405.
 */
public final class RecorderDialects implements SipUserAgent.RequestHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RecorderDialects.class);
    /** What only the dialect can answer: an offer (its SDP and metadata) or an INFO (MSML events). */
    private static final Set<String> TO_THE_DIALECT = Set.of(Request.INVITE, Request.UPDATE, Request.INFO);

    private final SipUserAgent userAgent;
    private final Map<Dialect, RecorderDialect> dialects = new EnumMap<>(Dialect.class);

    /** @param dialects each dialect's implementation, by the dialect it speaks */
    public RecorderDialects(SipUserAgent userAgent, Map<Dialect, RecorderDialect> dialects) {
        this.userAgent = userAgent;
        this.dialects.putAll(dialects);
    }

    /** The implementation of a dialect, if the component has one. */
    public Optional<RecorderDialect> of(Dialect dialect) {
        return Optional.ofNullable(dialects.get(dialect));
    }

    public void hangUpAll() {
        dialects.values().forEach(RecorderDialect::hangUpAll);
    }

    @Override
    public void onRequest(RequestEvent event, ServerTransaction transaction) {
        Request request = event.getRequest();
        Dialog dialog = event.getDialog();
        RecorderDialog<?> recorderDialog = dialog != null && dialog.getApplicationData() instanceof RecorderDialog<?> known
                ? known : null;
        RecorderDialect owner = recorderDialog == null ? null : dialects.get(recorderDialog.dialect());
        try {
            String method = request.getMethod();
            if (Request.OPTIONS.equals(method)) {
                userAgent.answer(transaction, userAgent.response(Response.OK, request));
            } else if (owner == null || recorderDialog.state() == RecorderDialog.State.ENDED) {
                userAgent.answer(transaction, userAgent.response(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request));
            } else if (Request.BYE.equals(method)) {
                userAgent.answer(transaction, userAgent.response(Response.OK, request));
                owner.onBye(recorderDialog, request);
            } else if (TO_THE_DIALECT.contains(method)) {
                owner.onRequest(recorderDialog, event, transaction);
            } else if (Request.MESSAGE.equals(method) || Request.NOTIFY.equals(method)) {
                userAgent.answer(transaction, userAgent.response(Response.OK, request));
            } else {
                userAgent.answer(transaction, userAgent.response(Response.METHOD_NOT_ALLOWED, request));
            }
        } catch (ParseException e) {
            LOG.warn("Could not answer {} from a recorder: {}", request.getMethod(), e.getMessage());
        }
    }
}
