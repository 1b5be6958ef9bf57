package org.recgate.sip.stack;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.Utils;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import java.text.ParseException;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TooManyListenersException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
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
 * the worker, never on the stack's message thread. Every 2xx to an INVITE is ACKed here; a 2xx that arrives after its request timed out
 * is ACKed and hung up at once, so no recorder keeps a session nobody knows of.
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
     * so provisional and final answers arrive in order (shared/research/stack-probe.md §3).
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
        return submit(request, null, dialogData, timeoutMs);
    }

    /** Sends a request inside an existing dialog (re-INVITE, UPDATE, BYE). */
    public CompletableFuture<SipOutcome> sendInDialog(Dialog dialog, Request request, long timeoutMs) {
        return submit(request, dialog, null, timeoutMs);
    }

    private CompletableFuture<SipOutcome> submit(Request request, Dialog dialog, Object dialogData, long timeoutMs) {
        PendingRequest waiting = new PendingRequest(request.getMethod());
        pending.add(waiting);
        waiting.answer.completeOnTimeout(SipOutcome.timedOut("no final answer within " + timeoutMs + " ms"),
                timeoutMs, TimeUnit.MILLISECONDS);
        waiting.answer.whenCompleteAsync((outcome, error) -> finished(waiting, outcome), worker);
        try {
            worker.execute(() -> transmit(waiting, request, dialog, dialogData));
        } catch (RejectedExecutionException e) {
            waiting.complete(SipOutcome.notSent("the SIP user agent is stopping"));
        }
        return waiting.answer.thenApplyAsync(Function.identity(), worker);
    }

    private void transmit(PendingRequest waiting, Request request, Dialog dialog, Object dialogData) {
        if (waiting.answer.isDone()) {
            return; // timed out before a worker thread was free: nobody waits for it any more
        }
        SipProvider current = provider;
        if (current == null) {
            waiting.complete(SipOutcome.notSent("the SIP user agent is not running"));
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
        if (outcome.kind() == SipOutcome.Kind.TIMED_OUT && Request.INVITE.equals(waiting.method)
                && transaction != null && transaction.getState() == TransactionState.PROCEEDING) {
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
        if (invite2xx) {
            acknowledge(event.getDialog(), cseq.getSeqNumber());
        }
        ClientTransaction transaction = event.getClientTransaction();
        boolean expected = transaction != null && transaction.getApplicationData() instanceof PendingRequest request
                && request.complete(SipOutcome.answered(response, event.getDialog()));
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
        private final String method;
        private final CompletableFuture<SipOutcome> answer = new CompletableFuture<>();
        private volatile ClientTransaction transaction;

        private PendingRequest(String method) {
            this.method = method;
        }

        /** True when this outcome is the first (the one the caller sees). */
        boolean complete(SipOutcome outcome) {
            return answer.complete(outcome);
        }
    }
}
