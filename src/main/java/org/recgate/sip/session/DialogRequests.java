package org.recgate.sip.session;

import java.text.ParseException;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;

/**
 * What a dialect does with the requests a recorder sends in one of its dialogs, typed by the state
 * the dialect keeps per dialog ({@code S}: a SIPREC session, an MSML connection). Both are called on
 * the stack's message thread: they must not block.
 *
 * @param <S> the dialect's per-dialog state
 */
public interface DialogRequests<S> {

    /** A re-INVITE, UPDATE or INFO in a dialog that has not ended. */
    void onRequest(RecorderDialog<S> recorderDialog, RequestEvent event, ServerTransaction transaction)
            throws ParseException;

    /** The recorder ended the dialog with a BYE, already answered 200: the destinations it served end. */
    void onBye(RecorderDialog<S> recorderDialog, Request bye);
}
