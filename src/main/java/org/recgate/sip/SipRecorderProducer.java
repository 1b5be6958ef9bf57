package org.recgate.sip;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultAsyncProducer;
import org.recgate.sip.session.DialogOutcomes;
import org.recgate.sip.session.RecorderDialect;
import org.recgate.sip.session.RecorderDialects;

/**
 * Does a {@link RecorderRequest} on every destination at once (primary and duplicate in
 * parallel) and leaves a {@link RecorderResponse} with one result per destination, in request
 * order. Each destination goes to its dialect (SIPREC or MSML): the {@code ;dialect=} parameter
 * of its (first) URI, else {@link RecorderDestination#dialect()}, else the endpoint's
 * {@code dialect} option.
 * <p>
 * Non-blocking: {@link #process(Exchange, AsyncCallback)} sends and returns {@code false}; the
 * callback completes when the last destination has its answer, timeout or failure. No thread
 * waits for a SIP answer.
 */
public class SipRecorderProducer extends DefaultAsyncProducer {

    private final SipRecorderConfiguration configuration;
    private RecorderDialects dialects;

    public SipRecorderProducer(SipRecorderEndpoint endpoint) {
        super(endpoint);
        this.configuration = endpoint.getConfiguration();
    }

    @Override
    public SipRecorderEndpoint getEndpoint() {
        return (SipRecorderEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        dialects = getEndpoint().getComponent().dialects();
        if (dialects == null) {
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
            results = perform(request);
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

    /** Hands each dialect its destinations (all at once, so MSML can put two records in one dialog). */
    private List<CompletableFuture<DestinationResult>> perform(RecorderRequest request) {
        List<RecorderDestination> destinations = request.destinations();
        List<CompletableFuture<DestinationResult>> results = new ArrayList<>(Collections.nCopies(destinations.size(), null));
        Map<Dialect, List<Integer>> byDialect = new EnumMap<>(Dialect.class);
        for (int i = 0; i < destinations.size(); i++) {
            RecorderDestination destination = destinations.get(i);
            Dialect fallback = destination.dialect() == null ? configuration.getDialect() : destination.dialect();
            Dialect dialect;
            try {
                dialect = Dialect.of(destination.uri(), fallback);
            } catch (IllegalArgumentException e) {
                results.set(i, DialogOutcomes.done(new DestinationResult(destination.uri(), destination.role(), fallback,
                        DestinationStatus.UNREACHABLE, null, "bad recorder URI: " + e.getMessage(), null)));
                continue;
            }
            byDialect.computeIfAbsent(dialect, ignored -> new ArrayList<>()).add(i);
        }
        byDialect.forEach((dialect, indexes) -> {
            RecorderDialect recorder = dialects.of(dialect).orElse(null);
            if (recorder == null) {
                indexes.forEach(i -> results.set(i, DialogOutcomes.done(new DestinationResult(destinations.get(i).uri(),
                        destinations.get(i).role(), dialect, DestinationStatus.UNREACHABLE, null,
                        "sip-recorder does not speak " + dialect.wireName(), null))));
                return;
            }
            List<CompletableFuture<DestinationResult>> done = recorder.perform(request.operation(), request.session(),
                    indexes.stream().map(destinations::get).toList(), configuration);
            for (int i = 0; i < indexes.size(); i++) {
                results.set(indexes.get(i), done.get(i));
            }
        });
        return results;
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
