package org.recgate.sip;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultAsyncProducer;
import org.recgate.sip.siprec.SiprecRecorder;
import org.recgate.sip.siprec.SiprecSettings;

/**
 * Does a {@link RecorderRequest} on every destination at once (primary and duplicate in
 * parallel) and leaves a {@link RecorderResponse} with one result per destination, in request
 * order.
 * <p>
 * Non-blocking: {@link #process(Exchange, AsyncCallback)} sends and returns {@code false}; the
 * callback completes when the last destination has its answer, timeout or failure. No thread
 * waits for a SIP answer.
 */
public class SipRecorderProducer extends DefaultAsyncProducer {

    private final SipRecorderConfiguration configuration;
    private final SiprecSettings settings;
    private SiprecRecorder recorder;

    public SipRecorderProducer(SipRecorderEndpoint endpoint) {
        super(endpoint);
        this.configuration = endpoint.getConfiguration();
        this.settings = configuration.siprecSettings();
    }

    @Override
    public SipRecorderEndpoint getEndpoint() {
        return (SipRecorderEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        recorder = getEndpoint().getComponent().recorder();
        if (recorder == null) {
            throw new IllegalStateException("the sip-recorder component is not started");
        }
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        RecorderRequest request;
        List<CompletableFuture<DestinationResult>> results;
        try {
            request = exchange.getIn().getMandatoryBody(RecorderRequest.class);
            if (request.operation() == null || request.session() == null) {
                throw new IllegalArgumentException("a RecorderRequest needs an operation and a session: " + request);
            }
            results = request.destinations().stream().map(destination -> perform(request, destination)).toList();
        } catch (InvalidPayloadException | RuntimeException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(results.toArray(CompletableFuture[]::new));
        if (all.isDone()) {
            complete(exchange, request, results);
            callback.done(true);
            return true;
        }
        all.whenComplete((ignored, error) -> {
            complete(exchange, request, results);
            callback.done(false);
        });
        return false;
    }

    private CompletableFuture<DestinationResult> perform(RecorderRequest request, RecorderDestination destination) {
        Dialect dialect = destination.dialect() == null ? configuration.getDialect() : destination.dialect();
        if (dialect != Dialect.SIPREC) {
            return CompletableFuture.completedFuture(new DestinationResult(destination.uri(), destination.role(), dialect,
                    DestinationStatus.UNREACHABLE, null, "sip-recorder does not speak " + dialect.wireName(), null));
        }
        return recorder.perform(request.operation(), request.session(), destination, settings);
    }

    private static void complete(Exchange exchange, RecorderRequest request,
                                 List<CompletableFuture<DestinationResult>> results) {
        try {
            RecorderResponse response = new RecorderResponse(request.operation(), request.session().recordingId(),
                    results.stream().map(CompletableFuture::join).toList());
            Message message = exchange.getMessage();
            message.setBody(response);
            message.setHeader(SipRecorderConstants.OPERATION, request.operation());
            message.setHeader(SipRecorderConstants.RECORDING_ID, response.recordingId());
        } catch (RuntimeException e) {
            exchange.setException(e);
        }
    }
}
