package org.recgate.sip.session;

import java.text.ParseException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import org.recgate.sip.DestinationResult;
import org.recgate.sip.RecorderDestination;
import org.recgate.sip.RecorderOperation;
import org.recgate.sip.RecordingSessionSpec;

/**
 * How one dialect drives recorders over the component's SIP user agent: SIPREC (RFC 7866) toward
 * recording servers, MSML (RFC 5707) toward media servers. Each keeps its own dialogs; the
 * {@link RecorderDialects dispatcher} hands it what its recorders send.
 */
public interface RecorderDialect {


    /**
     * Does the operation on the destinations of this dialect (all of one request, in request
     * order). Returns one future per destination, in the same order; each completes normally with
     * that destination's result, never exceptionally, and no thread waits for an answer.
     *
     * @param settings this dialect's settings from the endpoint's options (its own type: SIPREC's or MSML's)
     */
    List<CompletableFuture<DestinationResult>> perform(RecorderOperation operation, RecordingSessionSpec spec,
                                                       List<RecorderDestination> destinations,
                                                       DialectSettings settings);

    /**
     * What this dialect does with the requests its recorders send in its dialogs (what the others
     * get is the same for both dialects: {@link RecorderDialects}). A dialog's state is the type
     * these requests take: the dialect that made the dialog is the one asked.
     */
    DialogRequests<?> dialogRequests();

    /** Hands a request of one of this dialect's dialogs that has not ended to {@link #dialogRequests()}. */
    default void onRequest(RecorderDialog<?> recorderDialog, RequestEvent event, ServerTransaction transaction)
            throws ParseException {
        RecorderDialect.<Object>typed(dialogRequests()).onRequest(typed(recorderDialog), event, transaction);
    }

    /** Hands a recorder's BYE in one of this dialect's dialogs, already answered 200, to {@link #dialogRequests()}. */
    default void onBye(RecorderDialog<?> recorderDialog, Request bye) {
        RecorderDialect.<Object>typed(dialogRequests()).onBye(typed(recorderDialog), bye);
    }

    /** The one cast to the dialect's dialog state: only the dialect that made a dialog gets its requests. */
    @SuppressWarnings("unchecked")
    private static <S> DialogRequests<S> typed(DialogRequests<?> requests) {
        return (DialogRequests<S>) requests;
    }

    @SuppressWarnings("unchecked")
    private static <S> RecorderDialog<S> typed(RecorderDialog<?> recorderDialog) {
        return (RecorderDialog<S>) recorderDialog;
    }

    /**
     * The dialog's recorder went DOWN: forget the dialog and hang it up (best-effort BYE). True when
     * it was live, so its destination can fail over; a dialect that cannot fail over yet (MSML)
     * leaves it alone and answers false.
     */
    default boolean abandon(RecorderDialog<?> recorderDialog) {
        return false;
    }

    /** Hangs up every live dialog without waiting for the answers (component stop). */
    void hangUpAll();
}
