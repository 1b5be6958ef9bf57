package org.recgate.sip.stack;

import java.text.ParseException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionState;
import javax.sip.header.CSeqHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.recgate.support.LeadershipLease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requests the user agent sends, until their final answer. Nothing here waits: a request is
 * handed to the worker, and its future completes with the final answer, the timeout, or the
 * failure to send it; dependent stages run on the worker, never on the stack's message thread.
 * Every 2xx to an INVITE is ACKed here (RFC 3261 §13.2.2.4: the UAC core ACKs a 2xx itself); a 2xx
 * that arrives after its request was given up is ACKed and hung up at once, so no recorder keeps
 * a session nobody knows of; an INVITE given up after a provisional answer is CANCELled (RFC 3261
 * §9.1).
 * <p>
 * Fencing (docs/operations.md, "High availability"): nothing leaves without the leadership lease,
 * asked at the last moment before the stack gets it (a request waiting for the worker or for its
 * dialog's turn may have waited through a hang): a request is then NOT_SENT ({@link #FENCED}), and
 * a BYE, CANCEL or ACK is not sent either; the new active owns the dialogs now.
 */
final class ClientRequests {

    /** The reason of a request not sent for want of the lease. */
    static final String FENCED = SipOutcome.FENCED;

    private static final Logger LOG = LoggerFactory.getLogger(ClientRequests.class);

    private final Executor worker;
    private final Supplier<SipProvider> provider;
    private final Set<PendingRequest> pending = ConcurrentHashMap.newKeySet();
    private final InDialogOrder inDialogOrder = new InDialogOrder();
    private final RecorderTimings timings;
    private final LeadershipLease lease;
    private volatile SipUserAgent.InDialogObserver inDialogObserver = (dialog, method, outcome) -> { };

    /**
     * @param worker   runs sends and every stage that depends on an answer
     * @param provider the running stack's provider; null while it is stopped
     * @param timings  where answer times and failures are measured
     * @param lease    held while this instance may send (always without a hot-standby pair)
     */
    ClientRequests(Executor worker, Supplier<SipProvider> provider, RecorderTimings timings, LeadershipLease lease) {
        this.worker = worker;
        this.provider = provider;
        this.timings = timings;
        this.lease = lease;
    }

    /** See {@link SipUserAgent#sendInitial(Request, Object, long, Consumer)}. */
    CompletableFuture<SipOutcome> sendInitial(Request request, Object dialogData, long timeoutMs,
                                              Consumer<SipOutcome> onAnswer) {
        PendingRequest waiting = waitFor(onAnswer);
        send(waiting, () -> request, null, dialogData, timeoutMs);
        return answerOf(waiting);
    }

    /** See {@link SipUserAgent#sendInDialog(Dialog, SipUserAgent.InDialogRequest, long, Consumer)}. */
    CompletableFuture<SipOutcome> sendInDialog(Dialog dialog, SipUserAgent.InDialogRequest request, long timeoutMs,
                                               Consumer<SipOutcome> onAnswer) {
        PendingRequest waiting = waitFor(onAnswer);
        inDialogOrder.after(dialog, waiting.answer, () -> send(waiting, request, dialog, null, timeoutMs));
        CompletableFuture<SipOutcome> answer = answerOf(waiting);
        answer.thenAccept(outcome -> inDialogObserver.ended(dialog, waiting.method, outcome));
        return answer;
    }

    /** See {@link SipUserAgent#observeInDialog}. */
    void observeInDialog(SipUserAgent.InDialogObserver observer) {
        this.inDialogObserver = observer;
    }

    /** Sends BYE in the dialog without waiting for its answer (clean-up, shutdown). */
    void hangUp(Dialog dialog) {
        SipProvider current = provider.get();
        if (current == null || fenced(Request.BYE)) {
            return;
        }
        try {
            dialog.sendRequest(current.getNewClientTransaction(dialog.createRequest(Request.BYE)));
        } catch (SipException | RuntimeException e) {
            LOG.debug("Could not send BYE in dialog {}", dialog.getDialogId(), e);
        }
    }

    /** Ends every request still waiting: NOT_SENT, {@code reason}. */
    void abandonAll(String reason) {
        pending.forEach(request -> request.complete(SipOutcome.notSent(reason)));
    }

    private PendingRequest waitFor(Consumer<SipOutcome> onAnswer) {
        PendingRequest waiting = new PendingRequest(onAnswer);
        pending.add(waiting);
        waiting.answer.whenCompleteAsync((outcome, error) -> finished(waiting, outcome), worker);
        return waiting;
    }

    /** Starts the request's clock and hands the sending to the worker. */
    private void send(PendingRequest waiting, SipUserAgent.InDialogRequest request, Dialog dialog, Object dialogData,
                      long timeoutMs) {
        waiting.answer.completeOnTimeout(SipOutcome.timedOut("no final answer within " + timeoutMs + " ms"),
                timeoutMs, TimeUnit.MILLISECONDS);
        try {
            worker.execute(() -> transmit(waiting, request, dialog, dialogData));
        } catch (RejectedExecutionException e) {
            waiting.complete(SipOutcome.notSent("the SIP user agent is stopping"));
        }
    }

    private CompletableFuture<SipOutcome> answerOf(PendingRequest waiting) {
        return waiting.answer.thenApplyAsync(Function.identity(), worker);
    }

    private void transmit(PendingRequest waiting, SipUserAgent.InDialogRequest requestToSend, Dialog dialog,
                          Object dialogData) {
        if (waiting.answer.isDone()) {
            return; // timed out before a worker thread was free, or stopped: nobody waits for it any more
        }
        SipProvider current = provider.get();
        if (current == null) {
            waiting.complete(SipOutcome.notSent("the SIP user agent is not running"));
            return;
        }
        Request request;
        try {
            request = requestToSend.create();
        } catch (SipException | ParseException | RuntimeException e) {
            LOG.debug("Could not build a request in dialog {}", dialog == null ? null : dialog.getDialogId(), e);
            waiting.complete(SipOutcome.notSent("could not build the request: " + SipErrors.describe(e)));
            return;
        }
        if (fenced(request.getMethod())) {
            waiting.complete(SipOutcome.notSent(FENCED));
            return;
        }
        Slf4jStackLogger.sending(true);
        try {
            ClientTransaction transaction = current.getNewClientTransaction(request);
            transaction.setApplicationData(waiting);
            waiting.transaction = transaction;
            waiting.sending(request);
            if (dialog != null) {
                dialog.sendRequest(transaction);
                return;
            }
            if (dialogData != null && transaction.getDialog() != null) {
                transaction.getDialog().setApplicationData(dialogData);
            }
            transaction.sendRequest();
        } catch (SipException | RuntimeException e) {
            LOG.debug("Could not send {}", request.getMethod(), e);
            timings.unreachable(request);
            waiting.complete(SipOutcome.notSent("could not send " + request.getMethod() + ": " + SipErrors.describe(e)));
        } finally {
            Slf4jStackLogger.sending(false);
        }
    }

    /** A request is done: forget it; an INVITE abandoned after a provisional answer is cancelled. */
    private void finished(PendingRequest waiting, SipOutcome outcome) {
        pending.remove(waiting);
        timings.ended(waiting, outcome);
        ClientTransaction transaction = waiting.transaction;
        SipProvider current = provider.get();
        if (outcome.kind() == SipOutcome.Kind.TIMED_OUT && transaction != null && current != null
                && Request.INVITE.equals(transaction.getRequest().getMethod())
                && transaction.getState() == TransactionState.PROCEEDING && !fenced(Request.CANCEL)) {
            try {
                current.getNewClientTransaction(transaction.createCancel()).sendRequest();
            } catch (SipException | RuntimeException e) {
                LOG.debug("Could not cancel a timed-out INVITE", e);
            }
        }
    }

    /** A final answer (provisional ones do not stop the clock, so they are not looked at). */
    void onResponse(ResponseEvent event) {
        Response response = event.getResponse();
        if (response.getStatusCode() < 200) {
            return;
        }
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        boolean invite2xx = Request.INVITE.equals(cseq.getMethod()) && response.getStatusCode() / 100 == 2;
        ClientTransaction transaction = event.getClientTransaction();
        PendingRequest request = transaction != null && transaction.getApplicationData() instanceof PendingRequest waiting
                ? waiting : null;
        SipOutcome outcome = SipOutcome.answered(response, event.getDialog());
        if (request != null) {
            request.answered(outcome); // before the ACK: the peer may send its next request as soon as it has it
        }
        if (invite2xx) {
            acknowledge(event.getDialog(), cseq.getSeqNumber());
        }
        // completed after the ACK, so the dialog's next request never goes out ahead of it
        boolean expected = request != null && request.complete(outcome);
        if (!expected && invite2xx && transaction != null && event.getDialog() != null) {
            LOG.info("Hanging up a late 2xx to an INVITE that had already timed out (Call-ID {})",
                    event.getDialog().getCallId().getCallId());
            hangUp(event.getDialog());
        }
    }

    private void acknowledge(Dialog dialog, long cseq) {
        if (dialog == null || fenced(Request.ACK)) {
            return;
        }
        try {
            dialog.sendAck(dialog.createAck(cseq));
        } catch (SipException | InvalidArgumentException | RuntimeException e) {
            LOG.warn("Could not ACK a 2xx in dialog {}: {}", dialog.getDialogId(), SipErrors.describe(e));
        }
    }

    /**
     * Whether the lease is gone: then {@code method} is not sent (one volatile read), and that is
     * logged; at DEBUG for an OPTIONS keepalive, which a standby's liveness timer tries every round.
     */
    private boolean fenced(String method) {
        if (lease.held()) {
            return false;
        }
        if (Request.OPTIONS.equals(method)) {
            LOG.debug("SIP {} {}", method, FENCED);
        } else {
            LOG.warn("SIP {} {}", method, FENCED);
        }
        return true;
    }

    /** The stack gave up a client transaction (RFC 3261 §17 timers): no final answer. */
    void onTimeout(TimeoutEvent event) {
        if (!event.isServerTransaction()
                && event.getClientTransaction().getApplicationData() instanceof PendingRequest request) {
            request.complete(SipOutcome.timedOut("no final answer (SIP transaction timeout)"));
        }
    }
}
