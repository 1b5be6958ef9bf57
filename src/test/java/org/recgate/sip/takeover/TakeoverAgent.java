package org.recgate.sip.takeover;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.recgate.sip.QuietSipListener;
import org.recgate.sip.stack.SipStackProperties;

/**
 * The new gateway process of {@link DialogTakeoverIT}: a fresh JAIN-SIP stack with the gateway's
 * settings ({@link SipStackProperties#base}) on a port of its own, knowing nothing of the dialog
 * but its {@link StoredDialog}. It takes the dialog over with {@link DialogTakeover}, answers the
 * recorder's requests in it with 200 (and remembers their methods), and hangs up with BYE.
 */
final class TakeoverAgent extends QuietSipListener implements AutoCloseable {

    /** A request of ours waiting for its final answer. */
    private record Waiting(StoredDialog stored, CompletableFuture<TakeoverOutcome> takeover,
                           CompletableFuture<Response> answer) {
    }

    private final SipStack stack;
    private final SipProvider provider;
    private final DialogTakeover takeover;
    private final List<String> requestsReceived = new CopyOnWriteArrayList<>();

    TakeoverAgent(String host, int port, String transport) throws Exception {
        stack = new SipStackImpl(SipStackProperties.base("takeover-" + transport + "-" + port));
        ListeningPoint listeningPoint = stack.createListeningPoint(host, port, transport);
        provider = stack.createSipProvider(listeningPoint);
        provider.addSipListener(this);
        stack.start();
        SipURI contactUri = new AddressFactoryImpl().createSipURI("recgate", host);
        contactUri.setPort(port);
        if (!ListeningPoint.UDP.equalsIgnoreCase(transport)) {
            contactUri.setTransportParam(transport);
        }
        ContactHeader contact = new HeaderFactoryImpl().createContactHeader(new AddressFactoryImpl().createAddress(contactUri));
        takeover = new DialogTakeover(contact);
    }

    CompletableFuture<TakeoverOutcome> takeOver(StoredDialog stored) throws Exception {
        CompletableFuture<TakeoverOutcome> outcome = new CompletableFuture<>();
        takeover.send(provider, stored, new Waiting(stored, outcome, null));
        return outcome;
    }

    /** BYE in the dialog the takeover adopted; completes with its final answer. */
    CompletableFuture<Response> hangUp(Dialog dialog) throws Exception {
        CompletableFuture<Response> answer = new CompletableFuture<>();
        ClientTransaction transaction = provider.getNewClientTransaction(dialog.createRequest(Request.BYE));
        transaction.setApplicationData(new Waiting(null, null, answer));
        dialog.sendRequest(transaction);
        return answer;
    }

    /**
     * The methods of the requests the recorder sent this process, in order; " outside the dialog"
     * after one the stack did not match to a dialog it knows.
     */
    List<String> requestsReceived() {
        return requestsReceived;
    }

    @Override
    public void processResponse(ResponseEvent event) {
        Response response = event.getResponse();
        ClientTransaction transaction = event.getClientTransaction();
        if (response.getStatusCode() < 200 || transaction == null
                || !(transaction.getApplicationData() instanceof Waiting waiting)) {
            return;
        }
        if (waiting.takeover() != null) {
            waiting.takeover().complete(takeover.answered(waiting.stored(), response, event.getDialog()));
        } else {
            waiting.answer().complete(response);
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (!event.isServerTransaction() && event.getClientTransaction().getApplicationData() instanceof Waiting waiting) {
            if (waiting.takeover() != null) {
                waiting.takeover().complete(takeover.noAnswer(waiting.stored(), "no final answer (SIP transaction timeout)"));
            } else {
                waiting.answer().completeExceptionally(new IllegalStateException("no answer to BYE"));
            }
        }
    }

    /** The recorder's requests: remembered and answered 200 (an ACK gets no answer). */
    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        requestsReceived.add(request.getMethod() + (event.getDialog() == null ? " outside the dialog" : ""));
        if (Request.ACK.equals(request.getMethod())) {
            return;
        }
        try {
            ServerTransaction transaction = event.getServerTransaction() != null ? event.getServerTransaction()
                    : provider.getNewServerTransaction(request);
            transaction.sendResponse(new MessageFactoryImpl().createResponse(Response.OK, request));
        } catch (Exception e) {
            throw new IllegalStateException("cannot answer " + request.getMethod(), e);
        }
    }




    @Override
    public void close() {
        stack.stop();
    }
}
