package org.recgate.sip.stack;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.Utils;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TooManyListenersException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionState;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's SIP user agent: one JAIN-SIP stack with one listening point (host, port,
 * transport), used as a UAC toward recorders.
 * <p>
 * Nothing here waits for an answer. {@link #sendInitial} and {@link #sendInDialog} hand the
 * request to the worker executor and return a future that completes when the final answer
 * arrives, when the timeout passes, or when the request cannot be sent; dependent stages run on
 * the worker, never on the stack's message thread (only a non-blocking {@code onAnswer} of
 * {@link #sendInDialog(Dialog, InDialogRequest, long, Consumer)} runs there). Every 2xx to an
 * INVITE is ACKed here; a 2xx that arrives after its request timed out is ACKed and hung up at
 * once, so no recorder keeps a session nobody knows of.
 * <p>
 * Requests in one dialog go one at a time: each waits until the one before has its final answer
 * (and its ACK) or was given up. Two requests in flight at once in a dialog could overtake each
 * other (a lower CSeq arriving last is refused, RFC 3261 §12.2.2), and a re-INVITE or UPDATE
 * meeting another offer in progress gets 491 (RFC 3261 §14.1-14.2, RFC 3311 §5.2).
 * <p>
 * Stack settings follow the stack probe: automatic dialog support, one message thread
 * ({@code THREAD_POOL_SIZE=1} keeps provisional and final answers in order), a re-entrant
 * listener, cached TCP connections, and logging through SLF4J.
 */
public final class SipUserAgent implements SipListener {

    /** Answers what a peer sends. Called on the stack's message thread: it must not block. */
    public interface RequestHandler {
        void onRequest(RequestEvent event, ServerTransaction transaction);
    }

    /** Builds a request in a dialog when its turn comes, so it describes the dialog's state as of then. */
    @FunctionalInterface
    public interface InDialogRequest {
        Request create() throws SipException, ParseException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(SipUserAgent.class);
    private static final int MAX_FORWARDS = 70;

    private final String host;
    private final int port;
    private final String transport;
    private final Executor worker;
    private final HeaderFactory headers = new HeaderFactoryImpl();
    private final AddressFactory addresses = new AddressFactoryImpl();
    private final MessageFactory messages = new MessageFactoryImpl();
    private final Set<PendingRequest> pending = ConcurrentHashMap.newKeySet();
    /** Per dialog, the answer of its last request handed to {@link #sendInDialog}: the next one waits for it. */
    private final Map<Dialog, CompletableFuture<SipOutcome>> lastInDialog = new ConcurrentHashMap<>();
    private volatile SipStack stack;
    private volatile SipProvider provider;
    private volatile RequestHandler handler;

    /**
     * @param host      the address to listen on and to put in Via and Contact
     * @param port      the port to listen on
     * @param transport {@code udp} or {@code tcp}
     * @param worker    runs sends and every stage that depends on an answer
     */
    public SipUserAgent(String host, int port, String transport, Executor worker) {
        this.host = host;
        this.port = port;
        this.transport = transport;
        this.worker = worker;
    }

    /** Creates the stack and opens the listening point; requests from peers go to {@code requestHandler}. */
    public void start(RequestHandler requestHandler) {
        this.handler = requestHandler;
        try {
            SipStack created = new SipStackImpl(stackProperties());
            ListeningPoint listeningPoint = created.createListeningPoint(host, port, transport);
            SipProvider createdProvider = created.createSipProvider(listeningPoint);
            createdProvider.addSipListener(this);
            created.start();
            this.stack = created;
            this.provider = createdProvider;
        } catch (SipException | InvalidArgumentException | TooManyListenersException e) {
            throw new IllegalStateException("cannot open the SIP listening point " + this + ": " + e.getMessage(), e);
        }
        LOG.info("SIP user agent listening on {}", this);
    }

    /** Ends every request still waiting (NOT_SENT, "stopped") and stops the stack. */
    public void stop() {
        pending.forEach(request -> request.complete(SipOutcome.notSent("the SIP stack stopped")));
        SipStack stopping = stack;
        stack = null;
        provider = null;
        if (stopping != null) {
            stopping.stop();
            LOG.info("SIP user agent on {} stopped", this);
        }
    }

    private Properties stackProperties() {
        Properties properties = baseStackProperties("recgate-" + transport + "-" + port);
        properties.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
        return properties;
    }

    /**
     * The JAIN-SIP settings every stack of the project uses: SLF4J logging, and one message thread
     * so provisional and final answers arrive in order (docs/stack.md §3).
     */
    public static Properties baseStackProperties(String stackName) {
        Properties properties = new Properties();
        properties.setProperty("javax.sip.STACK_NAME", stackName);
        properties.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
        properties.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
        properties.setProperty("gov.nist.javax.sip.SERVER_LOGGER", SipMessageLog.class.getName());
        properties.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "true");
        properties.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "1");
        properties.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        return properties;
    }

    public HeaderFactory headers() {
        return headers;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String transport() {
        return transport;
    }

    /** Parses a recorder URI; only {@code sip:} and {@code sips:} URIs can be called. */
    public SipURI parseSipUri(String uri) throws ParseException {
        URI parsed;
        try {
            parsed = addresses.createURI(uri.trim());
        } catch (ParseException e) {
            parsed = null;
        }
        if (!(parsed instanceof SipURI sipUri)) {
            throw new ParseException("'" + uri + "' is not a SIP URI (sip:user@host[:port])", 0);
        }
        return sipUri;
    }

    /** {@code sip:user@host} (no port) — for From and for metadata AORs. */
    public Address address(String user, String domain) throws ParseException {
        return addresses.createAddress(addresses.createSipURI(user, domain));
    }

    /** Our own Contact: {@code <sip:user@host:port[;transport=tcp]>}. */
    public ContactHeader contact(String user) throws ParseException {
        SipURI uri = addresses.createSipURI(user, host);
        uri.setPort(port);
        if (!ListeningPoint.UDP.equalsIgnoreCase(transport)) {
            uri.setTransportParam(transport);
        }
        return headers.createContactHeader(addresses.createAddress(uri));
    }

    /** A request that starts a dialog: new Call-ID, CSeq 1, our Via, a From tag, To without tag. */
    public Request newRequest(String method, SipURI target, Address from) throws ParseException {
        try {
            ViaHeader via = headers.createViaHeader(host, port, transport, null);
            return messages.createRequest((URI) target.clone(), method, provider.getNewCallId(),
                    headers.createCSeqHeader(1L, method),
                    headers.createFromHeader(from, Utils.getInstance().generateTag()),
                    headers.createToHeader(addresses.createAddress((URI) target.clone()), null),
                    List.of(via), headers.createMaxForwardsHeader(MAX_FORWARDS));
        } catch (InvalidArgumentException e) {
            throw new IllegalStateException("bad constant header value", e);
        }
    }

    public Response response(int status, Request request) throws ParseException {
        return messages.createResponse(status, request);
    }

    /**
     * Sends a request that creates a dialog (an initial INVITE). {@code dialogData} is attached
     * to that dialog before anything is sent, so a request the peer sends in it right after its
     * answer already finds it ({@link Dialog#getApplicationData()}).
     */
    public CompletableFuture<SipOutcome> sendInitial(Request request, Object dialogData, long timeoutMs) {
        PendingRequest waiting = waitFor(ignored -> { });
        send(waiting, () -> request, null, dialogData, timeoutMs);
        return answerOf(waiting);
    }

    /** Sends a request inside an existing dialog (re-INVITE, UPDATE, BYE), after the dialog's previous one. */
    public CompletableFuture<SipOutcome> sendInDialog(Dialog dialog, Request request, long timeoutMs) {
        return sendInDialog(dialog, () -> request, timeoutMs, ignored -> { });
    }

    /**
     * Sends a request inside an existing dialog once the dialog's previous request has its final
     * answer (and, for a re-INVITE, its ACK) or was given up; {@code request} is built then, and
     * {@code timeoutMs} counts from then.
     * <p>
     * {@code onAnswer} gets the final answer on the stack's message thread, before a 2xx to a
     * re-INVITE is ACKed: what it records about the dialog is in place before the peer can send
     * anything after the ACK (a recorder asks for a metadata snapshot right after it, RFC 7866
     * §9.2). It must not block. The returned future completes after it, on the worker.
     */
    public CompletableFuture<SipOutcome> sendInDialog(Dialog dialog, InDialogRequest request, long timeoutMs,
                                                      Consumer<SipOutcome> onAnswer) {
        PendingRequest waiting = waitFor(onAnswer);
        CompletableFuture<SipOutcome> previous = lastInDialog.put(dialog, waiting.answer);
        waiting.answer.whenComplete((outcome, error) -> lastInDialog.remove(dialog, waiting.answer));
        if (previous == null) {
            send(waiting, request, dialog, null, timeoutMs);
        } else {
            previous.whenComplete((outcome, error) -> send(waiting, request, dialog, null, timeoutMs));
        }
        return answerOf(waiting);
    }

    private PendingRequest waitFor(Consumer<SipOutcome> onAnswer) {
        PendingRequest waiting = new PendingRequest(onAnswer);
        pending.add(waiting);
        waiting.answer.whenCompleteAsync((outcome, error) -> finished(waiting, outcome), worker);
        return waiting;
    }

    /** Starts the request's clock and hands the sending to the worker. */
    private void send(PendingRequest waiting, InDialogRequest request, Dialog dialog, Object dialogData, long timeoutMs) {
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

    private void transmit(PendingRequest waiting, InDialogRequest requestToSend, Dialog dialog, Object dialogData) {
        if (waiting.answer.isDone()) {
            return; // timed out before a worker thread was free, or stopped: nobody waits for it any more
        }
        SipProvider current = provider;
        if (current == null) {
            waiting.complete(SipOutcome.notSent("the SIP user agent is not running"));
            return;
        }
        Request request;
        try {
            request = requestToSend.create();
        } catch (SipException | ParseException | RuntimeException e) {
            LOG.debug("Could not build a request in dialog {}", dialog == null ? null : dialog.getDialogId(), e);
            waiting.complete(SipOutcome.notSent("could not build the request: " + describe(e)));
            return;
        }
        Slf4jStackLogger.sending(true);
        try {
            ClientTransaction transaction = current.getNewClientTransaction(request);
            transaction.setApplicationData(waiting);
            waiting.transaction = transaction;
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
            waiting.complete(SipOutcome.notSent("could not send " + request.getMethod() + ": " + describe(e)));
        } finally {
            Slf4jStackLogger.sending(false);
        }
    }

    /** A request is done: forget it; an INVITE abandoned after a provisional answer is cancelled. */
    private void finished(PendingRequest waiting, SipOutcome outcome) {
        pending.remove(waiting);
        ClientTransaction transaction = waiting.transaction;
        if (outcome.kind() == SipOutcome.Kind.TIMED_OUT && transaction != null
                && Request.INVITE.equals(transaction.getRequest().getMethod())
                && transaction.getState() == TransactionState.PROCEEDING) {
            try {
                provider.getNewClientTransaction(transaction.createCancel()).sendRequest();
            } catch (SipException | RuntimeException e) {
                LOG.debug("Could not cancel a timed-out INVITE", e);
            }
        }
    }

    /** Sends BYE in the dialog without waiting for its answer (clean-up, shutdown). */
    public void hangUp(Dialog dialog) {
        SipProvider current = provider;
        if (current == null) {
            return;
        }
        try {
            dialog.sendRequest(current.getNewClientTransaction(dialog.createRequest(Request.BYE)));
        } catch (SipException | RuntimeException e) {
            LOG.debug("Could not send BYE in dialog {}", dialog.getDialogId(), e);
        }
    }

    /** Sends a response on a server transaction; a failure is logged (the peer will retransmit or give up). */
    public void answer(ServerTransaction transaction, Response response) {
        try {
            transaction.sendResponse(response);
        } catch (SipException | InvalidArgumentException | RuntimeException e) {
            LOG.warn("Could not answer {} with {}: {}", transaction.getRequest().getMethod(),
                    response.getStatusCode(), describe(e));
        }
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        if (Request.ACK.equals(request.getMethod())) {
            return;
        }
        ServerTransaction transaction = event.getServerTransaction();
        try {
            if (transaction == null) {
                transaction = provider.getNewServerTransaction(request);
            }
        } catch (TransactionAlreadyExistsException e) {
            return;
        } catch (SipException e) {
            LOG.warn("Cannot answer {} from {}: {}", request.getMethod(), request.getHeader("From"), describe(e));
            return;
        }
        try {
            handler.onRequest(event, transaction);
        } catch (RuntimeException e) {
            LOG.warn("Answering {} failed", request.getMethod(), e);
            try {
                answer(transaction, response(Response.SERVER_INTERNAL_ERROR, request));
            } catch (ParseException impossible) {
                LOG.debug("no 500 either", impossible);
            }
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
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
        if (dialog == null) {
            return;
        }
        try {
            dialog.sendAck(dialog.createAck(cseq));
        } catch (SipException | InvalidArgumentException | RuntimeException e) {
            LOG.warn("Could not ACK a 2xx in dialog {}: {}", dialog.getDialogId(), describe(e));
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (!event.isServerTransaction()
                && event.getClientTransaction().getApplicationData() instanceof PendingRequest request) {
            request.complete(SipOutcome.timedOut("no final answer (SIP transaction timeout)"));
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.warn("SIP transport error with {}:{} over {}", event.getHost(), event.getPort(), event.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // nothing kept per transaction beyond its pending request
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        LOG.debug("SIP dialog {} terminated", event.getDialog().getDialogId());
    }

    private static String describe(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
    }

    @Override
    public String toString() {
        return transport + ":" + host + ":" + port;
    }

    /** A request waiting for its final answer; attached to its client transaction. */
    private static final class PendingRequest {
        private final Consumer<SipOutcome> onAnswer;
        private final CompletableFuture<SipOutcome> answer = new CompletableFuture<>();
        private volatile ClientTransaction transaction;

        private PendingRequest(Consumer<SipOutcome> onAnswer) {
            this.onAnswer = onAnswer;
        }

        /** The final answer arrived while the request is still waited for: tells {@code onAnswer}. */
        void answered(SipOutcome outcome) {
            if (answer.isDone()) {
                return;
            }
            try {
                onAnswer.accept(outcome);
            } catch (RuntimeException e) {
                LOG.warn("Handling the answer {} failed", outcome.describe(), e);
            }
        }

        /** True when this outcome is the first (the one the caller sees). */
        boolean complete(SipOutcome outcome) {
            return answer.complete(outcome);
        }
    }
}
