package org.recgate.sip.component;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.sip.address.SipURI;
import javax.sip.header.ContentTypeHeader;
import javax.sip.message.Request;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.recgate.sip.MessageResult;
import org.recgate.sip.stack.SipOutcome;
import org.recgate.sip.stack.SipUserAgent;

/**
 * The producer of {@code sip-recorder:message?messageTo=...}: sends the exchange body (text) as a
 * SIP MESSAGE (RFC 3428) to every target at once, through the component's SIP stack, and leaves
 * one {@link MessageResult} per target, in {@code messageTo} order, as the body (an empty list
 * when {@code messageTo} is empty: nothing is sent).
 * <p>
 * Pager mode (RFC 3428 §2): each MESSAGE is a request of its own, outside any dialog, with a new
 * Call-ID and no Contact. Non-blocking like {@link SipRecorderProducer}: the callback completes
 * when every target has its final answer, its timeout ({@code timeoutMs}) or its failure. A
 * failed delivery is a result, not an exception.
 */
public class SipMessageProducer extends SipComponentProducer<SipUserAgent> {

    private static final String METHOD = "MESSAGE"; // RFC 3428 §4; javax.sip has no constant for it
    /** RFC 3428 §9: a MESSAGE outside a media session is at most 1300 bytes unless congestion-controlled. */
    public static final int MAX_UDP_MESSAGE_BYTES = 1300;

    private final List<String> targets;

    public SipMessageProducer(SipRecorderEndpoint endpoint) {
        super(endpoint, SipRecorderComponent::userAgent);
        this.targets = configuration.messageTargets();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        byte[] body;
        try {
            body = exchange.getIn().getMandatoryBody(String.class).getBytes(StandardCharsets.UTF_8);
        } catch (InvalidPayloadException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        List<CompletableFuture<MessageResult>> results = targets.stream().map(target -> send(target, body)).toList();
        CompletableFuture<Void> all = CompletableFuture.allOf(results.toArray(CompletableFuture[]::new));
        if (all.isDone()) { // nothing was sent (e.g. every MESSAGE too large): complete synchronously
            complete(exchange, results);
            callback.done(true);
            return true;
        }
        all.whenComplete((ignored, error) -> {
            complete(exchange, results);
            callback.done(false);
        });
        return false;
    }

    private static void complete(Exchange exchange, List<CompletableFuture<MessageResult>> results) {
        exchange.getMessage().setBody(results.stream().map(CompletableFuture::join).toList());
    }

    private CompletableFuture<MessageResult> send(String target, byte[] body) {
        Request request;
        try {
            request = message(target, body);
        } catch (ParseException | RuntimeException e) {
            return CompletableFuture.completedFuture(new MessageResult(target, false, null,
                    "cannot build the MESSAGE: " + e.getMessage()));
        }
        int size = request.toString().getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_UDP_MESSAGE_BYTES && overUdp()) {
            return CompletableFuture.completedFuture(new MessageResult(target, false, null, "the MESSAGE is " + size
                    + " bytes, more than RFC 3428 §9 allows over UDP (" + MAX_UDP_MESSAGE_BYTES + "); not sent"));
        }
        return started().sendInitial(request, null, configuration.getTimeoutMs())
                .thenApply(outcome -> result(target, outcome))
                // e.g. the worker pool refusing work while the component stops: still a result
                .exceptionally(error -> new MessageResult(target, false, null, "MESSAGE not sent: " + error.getMessage()));
    }

    /** RFC 3428 §4: Request-URI and To are the target; From is ours; the body with its Content-Type. */
    private Request message(String target, byte[] body) throws ParseException {
        SipUserAgent userAgent = started();
        SipURI uri = userAgent.parseSipUri(target);
        String domain = configuration.getDomain() == null || configuration.getDomain().isBlank()
                ? userAgent.host() : configuration.getDomain();
        Request request = userAgent.newRequest(METHOD, uri, userAgent.address(configuration.getFromUser(), domain));
        String[] type = configuration.getMessageContentType().trim().split("/", 2);
        ContentTypeHeader contentType = userAgent.headers().createContentTypeHeader(type[0], type[1]);
        request.setContent(body, contentType);
        return request;
    }

    /**
     * Over the listening point's transport, the only one a target may use (a target naming another
     * is refused when parsed): UDP is the one without congestion control (RFC 3428 §9).
     */
    private boolean overUdp() {
        return "udp".equalsIgnoreCase(started().transport());
    }

    private static MessageResult result(String target, SipOutcome outcome) {
        return new MessageResult(target, outcome.isSuccess(), outcome.status(), outcome.describe());
    }
}
