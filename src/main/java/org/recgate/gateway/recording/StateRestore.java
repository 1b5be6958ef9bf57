package org.recgate.gateway.recording;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.recgate.gateway.records.CallStateRecords;
import org.recgate.kafka.StateTopic;
import org.recgate.recording.RecorderTask;
import org.recgate.recording.RecordingRestore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A start after a restart or a crash (docs/durable-state.md §12): the state topic is read to its end
 * and every call it kept is known again, before the T-Library listener opens ({@link #load}, run by
 * the start-up); the route {@code state-restore} then sends the RESTORE of each live recording to
 * its recorders ({@link #tasks}). A record that cannot be read is logged and skipped: one bad record
 * must not keep the gateway from starting.
 */
public final class StateRestore {

    private static final Logger LOG = LoggerFactory.getLogger(StateRestore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StateTopic topic;
    private final RecordingRestore restore;
    private final int progressEvery;
    private final long reassertWaitMs;
    private List<RecorderTask> tasks = List.of();
    private volatile boolean loaded;
    private volatile int restoredRecordings;
    /** Completes when the route state-restore has every RESTORE answered and its outcome sent. */
    private final java.util.concurrent.CompletableFuture<Void> reasserted = new java.util.concurrent.CompletableFuture<>();

    /** @param reassertWaitMs how long a request waits at most for the re-assertion of the restored recordings */
    public StateRestore(StateTopic topic, RecordingRestore restore, int progressEvery, long reassertWaitMs) {
        this.topic = topic;
        this.restore = restore;
        this.progressEvery = progressEvery;
        this.reassertWaitMs = reassertWaitMs;
    }

    /**
     * Route step at the start of recording control: a request waits until the restored recordings'
     * dialogs are re-asserted (at most {@code reassertWaitMs}), so it finds them taken over; at once
     * when nothing was restored, or when the state topic is off.
     */
    public java.util.concurrent.CompletionStage<Void> awaitReasserted() {
        return !loaded || reasserted.isDone() ? java.util.concurrent.CompletableFuture.completedFuture(null)
                : reasserted.copy().completeOnTimeout(null, reassertWaitMs, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Route step after the last RESTORE's outcome: recording requests go on. */
    public void reasserted() {
        if (reasserted.complete(null)) {
            LOG.info("State topic: the restored recordings are re-asserted at their recorders");
        }
    }

    /** Reads the state topic and restores the calls and recordings it kept; how many calls. */
    public synchronized int load() throws IOException {
        long started = System.nanoTime();
        topic.create();
        Map<String, byte[]> kept = topic.readToEnd(progressEvery, read -> LOG.info("State topic: {} records read", read));
        List<RecorderTask> restored = new ArrayList<>();
        int calls = 0;
        int recordings = 0;
        for (Map.Entry<String, byte[]> entry : kept.entrySet()) {
            try {
                CallStateRecords.Kept call = CallStateRecords.parse(JSON.readValue(entry.getValue(),
                        new TypeReference<Map<String, Object>>() { }));
                restored.addAll(restore.restore(call.call(), call.recordings()));
                recordings += call.recordings().size();
                if (++calls % progressEvery == 0) {
                    LOG.info("State topic: {} calls restored", calls);
                }
            } catch (IOException | RuntimeException e) {
                LOG.error("State topic: the record of call {} cannot be read, the call is not restored: {}",
                        entry.getKey(), e.getMessage());
            }
        }
        tasks = restored;
        restoredRecordings = recordings;
        loaded = true;
        LOG.info("State topic: {} calls with {} recordings restored in {} ms; {} recordings to re-assert at their recorders",
                calls, recordings, (System.nanoTime() - started) / 1_000_000, restored.size());
        return calls;
    }

    /** The recordings the last {@link #load} restored (not ended ones, in the state they had). */
    public int restoredRecordings() {
        return restoredRecordings;
    }

    /** The RESTORE requests of the last {@link #load}, once (route step: the body the route splits). */
    public synchronized List<RecorderTask> tasks() {
        List<RecorderTask> taken = tasks;
        tasks = List.of();
        return taken;
    }
}
