package org.recgate.sip.session;

import java.text.ParseException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * The dialects of one component, and the answer to whatever recorders send: OPTIONS gets 200
 * anywhere; a request inside a dialog that has not ended goes to the dialect that owns the
 * dialog; anything else gets 481.
 */
public final class RecorderDialects implements SipUserAgent.RequestHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RecorderDialects.class);

    private final SipUserAgent userAgent;
    private final Map<Dialect, RecorderDialect> dialects = new EnumMap<>(Dialect.class);

    public RecorderDialects(SipUserAgent userAgent, List<RecorderDialect> dialects) {
        this.userAgent = userAgent;
        dialects.forEach(dialect -> this.dialects.put(dialect.dialect(), dialect));
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
            if (Request.OPTIONS.equals(request.getMethod())) {
                userAgent.answer(transaction, userAgent.response(Response.OK, request));
            } else if (owner == null || recorderDialog.state() == RecorderDialog.State.ENDED) {
                userAgent.answer(transaction, userAgent.response(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request));
            } else {
                owner.onRequest(recorderDialog, event, transaction);
            }
        } catch (ParseException e) {
            LOG.warn("Could not answer {} from a recorder: {}", request.getMethod(), e.getMessage());
        }
    }
}
