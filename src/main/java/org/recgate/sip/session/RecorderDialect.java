package org.recgate.sip.session;

import java.text.ParseException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import org.recgate.sip.DestinationResult;
import org.recgate.sip.Dialect;
import org.recgate.sip.RecorderDestination;
import org.recgate.sip.RecorderOperation;
import org.recgate.sip.RecordingSessionSpec;

/**
 * How one dialect drives recorders over the component's SIP user agent: SIPREC (RFC 7866) toward
 * recording servers, MSML (RFC 5707) toward media servers. Each keeps its own dialogs; the
 * {@link RecorderDialects dispatcher} hands it what its recorders send.
 */
public interface RecorderDialect {

    Dialect dialect();

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
     * Answers a re-INVITE, UPDATE or INFO the recorder sent in one of this dialect's dialogs that
     * has not ended (what the others get is the same for both dialects: {@link RecorderDialects}).
     * Called on the stack's message thread: it must not block.
     */
    void onRequest(RecorderDialog<?> recorderDialog, RequestEvent event, ServerTransaction transaction)
            throws ParseException;

    /**
     * The recorder ended one of this dialect's dialogs with a BYE, already answered 200: the
     * destinations it served end. Called on the stack's message thread: it must not block.
     */
    void onBye(RecorderDialog<?> recorderDialog, Request bye);

    /** Hangs up every live dialog without waiting for the answers (component stop). */
    void hangUpAll();
}
