package org.recgate.sip.component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.recgate.sip.DestinationResult;
import org.recgate.sip.DestinationStatus;
import org.recgate.sip.Dialect;
import org.recgate.sip.RecorderDestination;
import org.recgate.sip.RecorderOperation;
import org.recgate.sip.RecorderRequest;
import org.recgate.sip.RecorderResponse;
import org.recgate.sip.liveness.RecorderLiveness;
import org.recgate.sip.session.DialectSettings;
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
 * With {@code batch=true} ({@code sip-recorder:session?batch=true}) the body is a {@code List} of
 * requests (one per recording of a call): all are done at once and the body out is the
 * {@code List} of their responses, in the same order. That is the route's fan-out without a
 * parallel splitter's thread hop and exchange copies per recording. The option, not the body's
 * type, decides: a list without it, or a single request with it, is refused.
 * <p>
 * Non-blocking: {@link #process(Exchange, AsyncCallback)} sends and returns {@code false}; the
 * callback completes when the last destination has its answer, timeout or failure. No thread
 * waits for a SIP answer.
 */
public class SipRecorderProducer extends SipComponentProducer<RecorderDialects> {

    /** The dialects' settings, built once from this endpoint's options when the producer starts. */
    private final Map<Dialect, DialectSettings> settings = new EnumMap<>(Dialect.class);

    public SipRecorderProducer(SipRecorderEndpoint endpoint) {
        super(endpoint, SipRecorderComponent::dialects);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        settings.put(Dialect.SIPREC, configuration.siprecSettings());
        settings.put(Dialect.MSML, configuration.msmlSettings());
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        boolean batch = configuration.isBatch();
        List<RecorderRequest> requests;
        List<List<CompletableFuture<DestinationResult>>> results = new ArrayList<>();
        try {
            requests = batch ? batch(exchange) : List.of(single(exchange));
            for (RecorderRequest request : requests) {
                if (request.operation() == null || request.session() == null) {
                    throw new IllegalArgumentException("a RecorderRequest needs an operation and a session: " + request);
                }
            }
            for (RecorderRequest request : requests) {
                results.add(perform(request));
            }
        } catch (InvalidPayloadException | RuntimeException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(
                results.stream().flatMap(List::stream).toArray(CompletableFuture[]::new));
        if (all.isDone()) {
            complete(exchange, requests, results, batch);
            callback.done(true);
            return true;
        }
        all.whenComplete((ignored, error) -> {
            complete(exchange, requests, results, batch);
            callback.done(false);
        });
        return false;
    }

    /** Without {@code batch}: one RecorderRequest; a collection is refused rather than taken as one. */
    private static RecorderRequest single(Exchange exchange) throws InvalidPayloadException {
        Object body = exchange.getIn().getBody();
        if (body instanceof Collection<?> many) {
            throw new IllegalArgumentException("sip-recorder:session got a body of " + many.size()
                    + " elements: a List of RecorderRequests needs batch=true (sip-recorder:session?batch=true)");
        }
        return exchange.getIn().getMandatoryBody(RecorderRequest.class);
    }

    /** With {@code batch}: a List whose every element is a RecorderRequest. */
    private static List<RecorderRequest> batch(Exchange exchange) throws InvalidPayloadException {
        Object body = exchange.getIn().getBody();
        if (!(body instanceof List<?> list)) {
            throw new IllegalArgumentException("sip-recorder:session?batch=true takes a List of RecorderRequests, not "
                    + (body == null ? "an empty body" : "a " + body.getClass().getName()));
        }
        List<RecorderRequest> requests = new ArrayList<>(list.size());
        for (Object element : list) {
            if (!(element instanceof RecorderRequest request)) {
                throw new InvalidPayloadException(exchange, RecorderRequest.class);
            }
            requests.add(request);
        }
        return requests;
    }

    /** Hands each dialect its destinations (all at once, so MSML can put two records in one dialog). */
    private List<CompletableFuture<DestinationResult>> perform(RecorderRequest request) {
        RecorderOperation operation = request.operation();
        List<RecorderDestination> destinations = operation == RecorderOperation.START || operation == RecorderOperation.RESTORE
                ? liveFirst(request.destinations()) : request.destinations();
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
            RecorderDialect recorder = started().of(dialect).orElse(null);
            if (recorder == null) {
                indexes.forEach(i -> results.set(i, DialogOutcomes.done(new DestinationResult(destinations.get(i).uri(),
                        destinations.get(i).role(), dialect, DestinationStatus.UNREACHABLE, null,
                        "sip-recorder does not speak " + dialect.wireName(), null))));
                return;
            }
            List<CompletableFuture<DestinationResult>> done = recorder.perform(request.operation(), request.session(),
                    indexes.stream().map(destinations::get).toList(), settings.get(dialect));
            for (int i = 0; i < indexes.size(); i++) {
                results.set(indexes.get(i), done.get(i));
            }
        });
        return results;
    }

    /**
     * A new recording (and a restored one that needs a new session) skips the candidates whose
     * recorder is DOWN (docs/sip-recorder.md, "Recorder liveness"); when all are DOWN, all are tried
     * as they are ({@link RecorderLiveness#liveFirst}).
     */
    private List<RecorderDestination> liveFirst(List<RecorderDestination> destinations) {
        RecorderLiveness liveness = getEndpoint().getComponent().liveness();
        if (liveness == null) {
            return destinations;
        }
        return destinations.stream().map(destination -> destination.withCandidates(
                liveness.liveFirst(destination.candidates()))).toList();
    }

    private static void complete(Exchange exchange, List<RecorderRequest> requests,
                                 List<List<CompletableFuture<DestinationResult>>> results, boolean batch) {
        try {
            List<RecorderResponse> responses = new ArrayList<>(requests.size());
            for (int i = 0; i < requests.size(); i++) {
                RecorderRequest request = requests.get(i);
                responses.add(new RecorderResponse(request.operation(), request.session().recordingId(),
                        results.get(i).stream().map(CompletableFuture::join).toList()));
            }
            Message message = exchange.getMessage();
            if (batch) {
                message.setBody(responses);
                return;
            }
            RecorderResponse response = responses.get(0);
            message.setBody(response);
            message.setHeader(SipRecorderConstants.OPERATION, response.operation());
            message.setHeader(SipRecorderConstants.RECORDING_ID, response.recordingId());
        } catch (RuntimeException e) {
            exchange.setException(e);
        }
    }

}
