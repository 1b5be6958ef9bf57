package org.recgate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
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
 */
final class PendingReplies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Long, CompletableFuture<JsonNode>> pending = new HashMap<>();
    private boolean lost;

    synchronized CompletableFuture<JsonNode> expect(long referenceId) {
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        if (lost) {
            reply.completeExceptionally(lostError());
        } else {
            pending.put(referenceId, reply);
        }
        return reply;
    }

    /** Called with every line the gateway sends; completes the request the line answers, if any. */
    void received(String line) {
        JsonNode event;
        try {
            event = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return; // printed as it came; it answers nothing
        }
        JsonNode referenceId = event.path(Attr.REFERENCE_ID);
        if (referenceId.isIntegralNumber()) {
            CompletableFuture<JsonNode> reply;
            synchronized (this) {
                reply = pending.remove(referenceId.longValue());
            }
            if (reply != null) {
                reply.complete(event);
            }
        }
    }

    /** Fails every waiting request, and every one expected from now on. */
    synchronized void connectionLost() {
        lost = true;
        pending.values().forEach(reply -> reply.completeExceptionally(lostError()));
        pending.clear();
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
