package org.recgate.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/**
 * A phase of full recording cycles (warm-up, max rate, fixed rate) and its figures: cycles and
 * requests per second, EventACK latency per request type, request → Kafka indication latency,
 * SIP dialogs per second as the recorder (sipp) counted them, errors by code, gateway CPU and heap.
 */
final class CyclePhase {

    private static final Duration INDICATION_WAIT = Duration.ofSeconds(15);

    private CyclePhase() {
    }

    /** @param rate cycles per second, or 0 for as fast as possible ({@code options.concurrency} in flight) */
    static ObjectNode run(BenchContext context, String name, double rate, Duration duration, boolean measureIndications) throws Exception {
        Phase phase = new Phase(name);
        context.clients().enter(phase);
        context.indications().nextPhase();
        SippStats sipBefore = context.recorder().statsAfterNow();
        ProcessProbe.Sample cpuBefore = context.probe().sample(context.recorder());
        context.probe().takePeakHeap();
        LoadLoop.Outcome outcome = rate > 0
                ? LoadLoop.paced(rate, (int) Math.max(context.options().concurrency(), rate * 2), duration, context.calls(),
                        n -> context.cycles().cycle(n, phase, measureIndications))
                : LoadLoop.closed(context.options().concurrency(), duration, context.calls(),
                        n -> context.cycles().cycle(n, phase, measureIndications));
        ProcessProbe.Sample cpuAfter = context.probe().sample(context.recorder());
        long peakHeap = context.probe().takePeakHeap();
        long missing = measureIndications ? context.indications().awaitExpected(INDICATION_WAIT) : 0;
        Latencies indications = context.indications().nextPhase();
        SippStats sipAfter = context.recorder().statsAfterNow();
        phase.errors.add("indication-missing", missing);
        phase.errors.add("recorder-failed-dialog", sipAfter.failed() - sipBefore.failed());
        phase.errors.add("unfinished-at-drain", outcome.unfinished());

        ObjectNode section = Report.object();
        section.put("seconds", Report.round(outcome.seconds()));
        if (rate > 0) {
            section.put("targetRate", rate);
            section.put("lateStarts", outcome.lateStarts());
        } else {
            section.put("inFlight", context.options().concurrency());
        }
        section.put("cycles", outcome.succeeded());
        section.put("cyclesFailed", outcome.failed());
        section.put("cyclesPerSecond", Report.round(outcome.perSecond()));
        section.put("requests", phase.requests.sum());
        section.put("requestsPerSecond", Report.round(phase.requests.sum() / outcome.seconds()));
        long dialogs = sipAfter.successful() - sipBefore.successful();
        section.put("sipDialogs", dialogs);
        section.put("sipDialogsPerSecond", Report.round(dialogs / outcome.seconds()));
        section.set("ackLatencyMs", Report.latencies(phase.latencies));
        if (measureIndications) {
            ObjectNode indication = Report.latency(indications.summary("indication"));
            indication.put("missing", missing);
            section.set("indicationLatencyMs", indication);
        }
        section.set("errors", Report.errors(phase.errors));
        section.set("cpuCores", Report.cpu(ProcessProbe.between(cpuBefore, cpuAfter)));
        ObjectNode heap = section.putObject("heapMiB");
        heap.put("peak", Report.mib(peakHeap));
        heap.put("afterGc", Report.mib(context.probe().heapAfterGc()));
        return section;
    }
}
