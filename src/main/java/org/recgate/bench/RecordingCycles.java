package org.recgate.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.recgate.bench.PipelinedClient.Reply;
import org.recgate.tlib.model.Attr;
import org.recgate.tlib.model.GsipOperation;

/**
 * The requests of one recording cycle: the switch feed establishes call {@code n} (agent DN and
 * trunk), the agent's desktop sends START, PAUSE, RESUME, STOP (each after the previous
 * {@code EventACK}, as a desktop must: a recording waiting for its recorder takes no other request,
 * docs/protocol.md), then the feed releases both parties. Each answer's latency goes to the
 * phase's histogram of its request type; anything but the expected answer is an error of the
 * phase, and the call is released anyway so nothing leaks into the next cycle.
 */
final class RecordingCycles {

    private final LoadClients clients;
    private final IndicationWatcher indications;

    RecordingCycles(LoadClients clients, IndicationWatcher indications) {
        this.clients = clients;
        this.indications = indications;
    }

    /** The whole cycle; completes true when every step was acknowledged. {@code measure}: indication latency too. */
    CompletableFuture<Boolean> cycle(long n, Phase phase, boolean measure) {
        return establishThenStart(n, phase, measure)
                .thenCompose(ok -> ok ? control(n, GsipOperation.PAUSE, "On>Paused", phase, measure) : failed())
                .thenCompose(ok -> ok ? control(n, GsipOperation.RESUME, "Paused>On", phase, measure) : failed())
                .thenCompose(ok -> stopAndRelease(n, phase, measure, ok));
    }

    /** The call and its recording's START (the held-recordings phase stops there); released again when that failed. */
    CompletableFuture<Boolean> establishAndStart(long n, Phase phase, boolean measure) {
        return establishThenStart(n, phase, measure)
                .thenCompose(ok -> ok ? CompletableFuture.completedFuture(true) : release(n, phase).thenApply(released -> false));
    }

    private CompletableFuture<Boolean> establishThenStart(long n, Phase phase, boolean measure) {
        ObjectNode established = PipelinedClient.message("EventEstablished").put(Attr.CONNECTION_ID, LoadClients.connectionId(n))
                .put(Attr.THIS_DN, clients.dn(n)).put(Attr.OTHER_DN, LoadClients.TRUNK)
                .put(Attr.CALL_UUID, "BENCH" + n).put(Attr.ANI, "+15550100").put(Attr.DNIS, "800");
        return step(clients.feed(), "EventEstablished", established, "EventACK", phase, null, null)
                .thenCompose(ok -> ok ? control(n, GsipOperation.START, "Off>On", phase, measure) : failed());
    }

    /** STOP, then the call's release; completes true when both went through and {@code okSoFar}. */
    CompletableFuture<Boolean> stopAndRelease(long n, Phase phase, boolean measure, boolean okSoFar) {
        CompletableFuture<Boolean> stopped = okSoFar ? control(n, GsipOperation.STOP, "On>Off", phase, measure) : failed();
        return stopped.thenCompose(ok -> release(n, phase).thenApply(released -> ok && released));
    }

    /** Both parties leave, so the call ends (and any recording of it stops). */
    private CompletableFuture<Boolean> release(long n, Phase phase) {
        CompletableFuture<Boolean> agent = step(clients.feed(), "EventReleased", released(n, clients.dn(n)), "EventACK", phase, null, null);
        CompletableFuture<Boolean> trunk = step(clients.feed(), "EventReleased", released(n, LoadClients.TRUNK), "EventACK", phase, null, null);
        return agent.thenCombine(trunk, Boolean::logicalAnd);
    }

    private static ObjectNode released(long n, String dn) {
        return PipelinedClient.message("EventReleased").put(Attr.CONNECTION_ID, LoadClients.connectionId(n)).put(Attr.THIS_DN, dn);
    }

    private CompletableFuture<Boolean> control(long n, GsipOperation operation, String change, Phase phase, boolean measure) {
        String type = operation.name();
        ObjectNode request = PipelinedClient.message("RequestPrivateService").put(Attr.PRIVATE_MSG_ID, operation.privateMsgId())
                .put(Attr.THIS_DN, clients.dn(n)).put(Attr.CONNECTION_ID, LoadClients.connectionId(n));
        return step(clients.desktop(n).client(), type, request, "EventACK", phase,
                LoadClients.connectionId(n), measure ? change : null);
    }

    /**
     * Sends one request and checks its answer. {@code change}: the indication it should cause on
     * Kafka, measured from now (null: not measured).
     */
    private CompletableFuture<Boolean> step(PipelinedClient client, String type, ObjectNode request, String expected,
                                            Phase phase, String connectionId, String change) {
        if (change != null) {
            indications.expect(connectionId, change, System.nanoTime());
        }
        phase.requests.increment();
        return client.request(request).handle((reply, failure) -> {
            if (failure == null && expected.equals(reply.message())) {
                phase.latencies.record(type, reply.nanos());
                return true;
            }
            phase.errors.count(failure != null ? describe(failure) : unexpected(reply));
            if (change != null) {
                indications.forget(connectionId, change);
            }
            return false;
        });
    }

    private static CompletableFuture<Boolean> failed() {
        return CompletableFuture.completedFuture(false);
    }

    static String unexpected(Reply reply) {
        return "EventError".equals(reply.message())
                ? "EventError " + reply.event().path(Attr.ERROR_CODE).asText()
                : "unexpected " + reply.message();
    }

    static String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof TimeoutException ? "timeout" : "connection-lost";
    }
}
