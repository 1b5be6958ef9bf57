package org.recgate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.recgate.tlib.model.Attr;

/**
 * The requests waiting for their reply, matched by AttrReferenceID (docs/protocol.md: the reply
 * echoes it), so a script can wait for its own answer while unsolicited events pass by. A request
 * is expected before it is sent: a fast reply then cannot arrive before anyone waits for it.
 * Requests still unanswered when the connection is lost are kept as lost, to be reported: they are
 * never sent again (a START sent twice could start two recordings).
 */
final class PendingReplies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Long, Pending> pending = new LinkedHashMap<>();
    private final List<String> lostRequests = new ArrayList<>();
    private boolean lost;

    private record Pending(String request, CompletableFuture<JsonNode> reply) {
    }

    /** {@code request} names it in reports: {@code RequestX (AttrReferenceID n)}. */
    synchronized CompletableFuture<JsonNode> expect(long referenceId, String request) {
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        if (lost) {
            reply.completeExceptionally(lostError());
            lostRequests.add(request);
        } else {
            pending.put(referenceId, new Pending(request, reply));
        }
        return reply;
    }

    /** A line the gateway sent as JSON, or null if it is none (printed as it came; it answers nothing). */
    static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Called with every event the gateway sends; completes the request the event answers, if any. */
    void received(JsonNode event) {
        JsonNode referenceId = event.path(Attr.REFERENCE_ID);
        if (referenceId.isIntegralNumber()) {
            Pending answered;
            synchronized (this) {
                answered = pending.remove(referenceId.longValue());
            }
            if (answered != null) {
                answered.reply().complete(event);
            }
        }
    }

    /** Fails every waiting request, and every one expected from now on, until {@link #reconnected()}. */
    synchronized void connectionLost() {
        lost = true;
        pending.values().forEach(waiting -> {
            lostRequests.add(waiting.request());
            waiting.reply().completeExceptionally(lostError());
        });
        pending.clear();
    }

    /** The requests lost with the connection since the last call, oldest first. */
    synchronized List<String> takeLost() {
        List<String> taken = List.copyOf(lostRequests);
        lostRequests.clear();
        return taken;
    }

    /** A new connection: requests are expected again. */
    synchronized void reconnected() {
        lost = false;
    }

    /**
     * The reply, or empty if none came within {@code timeout} (the request is then forgotten, and a
     * late reply is just another event).
     */
    Optional<JsonNode> await(long referenceId, CompletableFuture<JsonNode> reply, Duration timeout)
            throws IOException, InterruptedException {
        try {
            return Optional.of(reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            synchronized (this) {
                pending.remove(referenceId);
            }
            return Optional.empty();
        } catch (ExecutionException e) {
            throw (IOException) e.getCause();
        }
    }

    private static IOException lostError() {
        return new IOException("the gateway closed the connection");
    }
}
