package org.recgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.recgate.tlib.model.Attr;

/**
 * The screen-capture relay: desktops send {@code RequestSendEvent} (an {@code EventUserEvent}
 * with {@code screen-capture: start}) for their DNs, as fast as possible; the vendor, registered
 * Monitor on every desktop DN, receives each as {@code EventUserEvent}. Relay latency is from the
 * request's write to the vendor's receipt (matched by a {@code bench-seq} key in AttrUserData);
 * the rate is events received by the vendor per second.
 */
final class RelayPhase {

    private static final Duration DELIVERY_WAIT = Duration.ofSeconds(15);
    static final String SEQ = "bench-seq";

    private RelayPhase() {
    }

    static ObjectNode run(BenchContext context) throws Exception {
        Phase phase = new Phase("relay");
        LoadClients clients = context.clients();
        clients.enter(phase);
        ConcurrentMap<Long, Long> inFlight = new ConcurrentHashMap<>();
        LongAdder delivered = new LongAdder();
        clients.onUserEvent(event -> {
            long now = System.nanoTime();
            Long sent = inFlight.remove(event.path(Attr.USER_DATA).path(SEQ).asLong(-1));
            if (sent != null) {
                phase.latencies.record("relay", now - sent);
                delivered.increment();
            }
        });
        ProcessProbe.Sample cpuBefore = context.probe().sample(context.recorder());
        LoadLoop.Outcome outcome = LoadLoop.closedCount(context.options().relayConcurrency(), context.options().relay(), new AtomicLong(),
                n -> sendEvent(clients, n, phase, inFlight));
        long deadline = System.nanoTime() + DELIVERY_WAIT.toNanos();
        while (!inFlight.isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        ProcessProbe.Sample cpuAfter = context.probe().sample(context.recorder());
        phase.errors.add("relay-missing", inFlight.size());
        phase.errors.add("unfinished-at-drain", outcome.unfinished());
        clients.onUserEvent(event -> { });

        ObjectNode section = Report.object();
        section.put("events", context.options().relay());
        section.put("delivered", delivered.sum());
        section.put("seconds", Report.round(outcome.seconds()));
        section.put("eventsPerSecond", Report.round(delivered.sum() / outcome.seconds()));
        section.put("inFlight", context.options().relayConcurrency());
        section.set("relayLatencyMs", Report.latency(phase.latencies.summary("relay")));
        section.set("ackLatencyMs", Report.latency(phase.latencies.summary("RequestSendEvent")));
        section.set("errors", Report.errors(phase.errors));
        section.set("cpuCores", Report.cpu(ProcessProbe.between(cpuBefore, cpuAfter)));
        return section;
    }

    private static CompletableFuture<Boolean> sendEvent(LoadClients clients, long n, Phase phase, ConcurrentMap<Long, Long> inFlight) {
        String dn = clients.dn(n);
        ObjectNode event = PipelinedClient.message("EventUserEvent").put(Attr.THIS_DN, dn)
                .put(Attr.CONNECTION_ID, LoadClients.connectionId(n));
        event.putObject(Attr.USER_DATA).put("screen-capture", "start").put(SEQ, n);
        ObjectNode request = PipelinedClient.message("RequestSendEvent").put(Attr.THIS_DN, dn);
        request.set(Attr.EVENT, event);
        phase.requests.increment();
        inFlight.put(n, System.nanoTime());
        return clients.desktop(n).client().request(request).handle((reply, failure) -> {
            if (failure == null && "EventACK".equals(reply.message()) && delivered(reply.event()) == 1) {
                phase.latencies.record("RequestSendEvent", reply.nanos());
                return true;
            }
            inFlight.remove(n);
            phase.errors.count(failure != null ? RecordingCycles.describe(failure)
                    : "EventACK".equals(reply.message()) ? "delivered " + delivered(reply.event()) + " instead of 1"
                    : RecordingCycles.unexpected(reply));
            return false;
        });
    }

    private static long delivered(JsonNode ack) {
        return ack.path(Attr.EXTENSIONS).path("delivered").asLong(-1);
    }
}
