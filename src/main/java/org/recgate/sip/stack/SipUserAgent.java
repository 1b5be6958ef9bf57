package org.recgate.sip.stack;

import java.text.ParseException;
import java.util.TooManyListenersException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
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
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's SIP user agent: one JAIN-SIP stack with one listening point (host, port,
 * transport), used as a UAC toward recorders. It owns the stack's life and is its listener:
 * requests from peers go to the {@link RequestHandler} inside a server transaction, answers to
 * ours to {@link ClientRequests}. Messages are built by {@link SipMessageBuilder}.
 * <p>
 * Nothing here waits for an answer: {@link #sendInitial} and {@link #sendInDialog} return a
 * future that completes on the worker (see {@link ClientRequests}), and requests in one dialog go
 * one at a time ({@link InDialogOrder}).
 * <p>
 * Stack settings follow the stack probe ({@link SipStackProperties}): automatic dialog support,
 * one message thread, a re-entrant listener, cached TCP connections, and logging through SLF4J.
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

    /** Told how each request in a dialog ended (recorder liveness). Called on the worker: it must not block. */
    @FunctionalInterface
    public interface InDialogObserver {
        void ended(Dialog dialog, String method, SipOutcome outcome);
    }

    private static final Logger LOG = LoggerFactory.getLogger(SipUserAgent.class);

    private final String host;
    private final int port;
    private final String transport;
    private final UserAgentOptions options;
    private final SipMessageBuilder builder;
    private final ClientRequests requests;
    private final InboundRefusals refusals;
    private final DialogPeers peers;
    private volatile SipStack stack;
    private volatile SipProvider provider;
    private volatile RequestHandler handler;

    /** With {@link UserAgentOptions#defaults()}. */
    public SipUserAgent(String host, int port, String transport, Executor worker) {
        this(host, port, transport, worker, UserAgentOptions.defaults());
    }

    /**
     * @param host      the address to listen on and to put in Via and Contact
     * @param port      the port to listen on
     * @param transport {@code udp}, {@code tcp} or {@code tls} ({@code options.tls()} then holds the keys)
     * @param worker    runs sends and every stage that depends on an answer
     * @param options   recorder hosts, message size limit, TLS keys, metrics
     */
    public SipUserAgent(String host, int port, String transport, Executor worker, UserAgentOptions options) {
        this.host = host;
        this.port = port;
        this.transport = transport;
        this.options = options;
        this.builder = new SipMessageBuilder(host, port, transport, () -> provider.getNewCallId());
        this.requests = new ClientRequests(worker, () -> provider, new RecorderTimings(options.meters()), options.lease());
        this.refusals = new InboundRefusals(options.meters());
        this.peers = new DialogPeers(options.recorderHosts(), transport);
    }

    /**
     * Creates the stack and opens the listening point; requests from peers go to {@code requestHandler}.
     * Before any request reaches it, {@link InboundGuard} refuses what no recorder of ours sent, and
     * {@link GuardedMessageParser} drops what is too long or not SIP (docs/security.md, SIP side).
     */
    public void start(RequestHandler requestHandler) {
        this.handler = requestHandler;
        try {
            SipStack created = UserAgentStack.create(transport, port, options, peers, refusals);
            ListeningPoint listeningPoint = created.createListeningPoint(host, port, transport);
            SipProvider createdProvider = created.createSipProvider(listeningPoint);
            createdProvider.addSipListener(this);
            created.start();
            this.stack = created;
            this.provider = createdProvider;
        } catch (SipException | InvalidArgumentException | TooManyListenersException e) {
            throw new IllegalStateException("cannot open the SIP listening point " + this + ": " + e.getMessage(), e);
        }
        LOG.info("SIP user agent listening on {}{}", this, options.tls() != null ? " with " + options.tls() : "");
    }

    /** Ends every request still waiting (NOT_SENT, "stopped") and stops the stack. */
    public void stop() {
        requests.abandonAll("the SIP stack stopped");
        peers.clear();
        SipStack stopping = stack;
        stack = null;
        provider = null;
        if (stopping != null) {
            stopping.stop();
            LOG.info("SIP user agent on {} stopped", this);
        }
    }

    /** The dialogs the stack holds (none while stopped). */
    public StackDialogs dialogs() {
        return new StackDialogs(stack);
    }

    /** Started and not stopped. */
    public boolean isRunning() {
        return provider != null;
    }

    public HeaderFactory headers() {
        return builder.headers();
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
        return builder.parseSipUri(uri);
    }

    /** {@code sip:user@host} (no port): for From and for metadata AORs. */
    public Address address(String user, String domain) throws ParseException {
        return builder.address(user, domain);
    }

    /** Our own Contact: {@code <sip:user@host:port[;transport=tcp]>}. */
    public ContactHeader contact(String user) throws ParseException {
        return builder.contact(user);
    }

    /** A request that starts a dialog: new Call-ID, CSeq 1, our Via, a From tag, To without tag. */
    public Request newRequest(String method, SipURI target, Address from) throws ParseException {
        return builder.newRequest(method, target, from);
    }

    public Response response(int status, Request request) throws ParseException {
        return builder.response(status, request);
    }

    /**
     * Sends a request that creates a dialog (an initial INVITE) or stands alone (MESSAGE).
     * {@code dialogData} is attached to that dialog before anything is sent, so a request the
     * peer sends in it right after its answer already finds it ({@link Dialog#getApplicationData()}).
     */
    public CompletableFuture<SipOutcome> sendInitial(Request request, Object dialogData, long timeoutMs) {
        return sendInitial(request, dialogData, timeoutMs, ignored -> { });
    }

    /** As above, {@code onAnswer} as for {@link #sendInDialog(Dialog, InDialogRequest, long, Consumer)} (docs/durable-state.md §5). */
    public CompletableFuture<SipOutcome> sendInitial(Request request, Object dialogData, long timeoutMs,
                                                     Consumer<SipOutcome> onAnswer) {
        return requests.sendInitial(request, dialogData, timeoutMs, onAnswer);
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
        return requests.sendInDialog(dialog, request, timeoutMs, onAnswer);
    }

    /** Who is told how each request in a dialog ended. */
    public void observeInDialog(InDialogObserver observer) {
        requests.observeInDialog(observer);
    }

    /** Sends BYE in the dialog without waiting for its answer (clean-up, shutdown). */
    public void hangUp(Dialog dialog) {
        requests.hangUp(dialog);
    }

    /** Sends a response on a server transaction; a failure is logged (the peer will retransmit or give up). */
    public void answer(ServerTransaction transaction, Response response) {
        try {
            transaction.sendResponse(response);
        } catch (SipException | InvalidArgumentException | RuntimeException e) {
            LOG.warn("Could not answer {} with {}: {}", transaction.getRequest().getMethod(),
                    response.getStatusCode(), SipErrors.describe(e));
        }
    }

    /**
     * A request from a peer, in a server transaction of its own; none for an ACK or a retransmission
     * ({@link ServerTransactions}).
     */
    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        ServerTransaction transaction = ServerTransactions.of(provider, event);
        if (transaction == null) {
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

    /**
     * An answer to one of our requests. A 2xx that sets up a dialog first names the recorder that
     * may send in it ({@link DialogPeers}), before anything arriving after it is looked at.
     */
    @Override
    public void processResponse(ResponseEvent event) {
        peers.onResponse(event);
        requests.onResponse(event);
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.warn("SIP transport error with {}:{} over {}", event.getHost(), event.getPort(), event.getTransport());
    }

    /** A transaction the stack gave up: for one of ours, no final answer came. */
    @Override
    public void processTimeout(TimeoutEvent event) {
        requests.onTimeout(event);
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // nothing kept per transaction beyond its pending request
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        peers.forget(event.getDialog());
        LOG.debug("SIP dialog {} terminated", event.getDialog().getDialogId());
    }

    @Override
    public String toString() {
        return transport + ":" + host + ":" + port;
    }
}
