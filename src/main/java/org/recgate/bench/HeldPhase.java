package org.recgate.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N recordings held open at once: N calls established and started ({@code options.concurrency}
 * at a time), the live heap measured after a full GC before and while they are held (the gateway
 * runs in this JVM), then every one stopped and its call released.
 */
final class HeldPhase {

    private HeldPhase() {
    }

    static ObjectNode run(BenchContext context) throws Exception {
        Phase phase = new Phase("held");
        context.clients().enter(phase);
        int wanted = context.options().held();
        long heapBefore = context.probe().heapAfterGc();
        Queue<Long> held = new ConcurrentLinkedQueue<>();
        LoadLoop.Outcome started = LoadLoop.closedCount(context.options().concurrency(), wanted, context.calls(),
                n -> context.cycles().establishAndStart(n, phase, false).thenApply(ok -> {
                    if (ok) {
                        held.add(n);
                    }
                    return ok;
                }));
        SippStats atRecorder = context.recorder().statsAfterNow();
        long heapHeld = context.probe().heapAfterGc();
        RestoreRead restore = RestoreRead.run(context.stateTopic(), context.probe());
        long[] calls = held.stream().mapToLong(Long::longValue).toArray();
        LoadLoop.Outcome stopped = LoadLoop.closedCount(context.options().concurrency(), calls.length, new AtomicLong(),
                i -> calls.length >= i ? context.cycles().stopAndRelease(calls[(int) i - 1], phase, false, true)
                        : CompletableFuture.completedFuture(false));
        long heapAfter = context.probe().heapAfterGc();
        phase.errors.add("unfinished-at-drain", started.unfinished() + stopped.unfinished());

        ObjectNode section = Report.object();
        section.put("requested", wanted);
        section.put("held", calls.length);
        section.put("recorderOpenDialogs", atRecorder.current());
        section.put("startSeconds", Report.round(started.seconds()));
        section.put("startsPerSecond", Report.round(started.perSecond()));
        section.put("stopSeconds", Report.round(stopped.seconds()));
        section.put("heapBeforeMiB", Report.mib(heapBefore));
        section.put("heapHeldMiB", Report.mib(heapHeld));
        section.put("heapAfterStopMiB", Report.mib(heapAfter));
        section.put("heapPerRecordingKiB", Report.round(calls.length == 0 ? 0 : (heapHeld - heapBefore) / 1024.0 / calls.length));
        section.set("restore", restore.report());
        section.set("ackLatencyMs", Report.latencies(phase.latencies));
        section.set("errors", Report.errors(phase.errors));
        return section;
    }
}
