package org.recgate.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import org.recgate.call.CallRegistry;
import org.recgate.gateway.recording.StateRestore;
import org.recgate.kafka.StateTopic;
import org.recgate.recording.RecordingRegistry;
import org.recgate.recording.RecordingRestore;

/**
 * The restore a restart does with the held recordings on the state topic (docs/durable-state.md §12):
 * the topic read to its end and every call and recording rebuilt, by the gateway's own
 * {@link StateRestore}, into registries of their own; how long it takes and the heap it needs.
 * The re-INVITEs that follow a real restart are not part of it (the held dialogs belong to the
 * running gateway).
 */
record RestoreRead(int calls, int recorderRequests, double seconds, long heapBytes) {

    static RestoreRead run(StateTopic topic, ProcessProbe probe) throws Exception {
        long heapBefore = probe.heapAfterGc();
        CallRegistry calls = new CallRegistry(Clock.systemUTC());
        RecordingRegistry recordings = new RecordingRegistry(1_000_000, new RecordingRegistry.Limits(16, 8), () -> { });
        StateRestore restore = new StateRestore(topic, new RecordingRestore(calls, recordings), 10_000, 0);
        long started = System.nanoTime();
        int restored = restore.load();
        double seconds = (System.nanoTime() - started) / 1e9;
        int tasks = restore.tasks().size();
        long heap = probe.heapAfterGc() - heapBefore;
        java.lang.ref.Reference.reachabilityFence(restore); // the restored registries count in the heap figure
        return new RestoreRead(restored, tasks, seconds, heap);
    }

    ObjectNode report() {
        ObjectNode section = Report.object();
        section.put("calls", calls);
        section.put("recordings", recorderRequests);
        section.put("seconds", Report.round(seconds));
        section.put("heapMiB", Report.mib(heapBytes));
        return section;
    }
}
