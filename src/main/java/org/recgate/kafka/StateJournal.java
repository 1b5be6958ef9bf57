package org.recgate.kafka;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps count of the state records on their way to the state topic (call-state.camel.yaml) and of
 * the recording indications (recording-indications.camel.yaml), so a request is answered once the
 * state it changed and the indications it caused are durable (docs/durable-state.md §11): the route
 * step {@link #awaitDurable()} completes when every record queued before it has been written
 * ({@code acks=all}). While no broker answers, requests must still be served: a wait longer than
 * {@code waitMs} marks the state <em>not durable</em>, and from then on no request waits until the
 * records have caught up (the publishing route keeps them in order and writes them when a broker
 * returns). Health ({@code state-durable}) and a gauge of unwritten records show that window.
 */
public final class StateJournal {

    private static final Logger LOG = LoggerFactory.getLogger(StateJournal.class);

    /** The header that carries a state record's number from its queue to the publishing route. */
    public static final String SEQUENCE = "RecGateStateSequence";

    private final long waitMs;
    /** The number of the last record queued. */
    private final AtomicLong queued = new AtomicLong();
    /** Every record up to this number is written (or given up). */
    private long written; // guarded by this
    /** Records written beyond {@code written}: they finished before one queued earlier (another partition). */
    private final java.util.BitSet ahead = new java.util.BitSet(); // guarded by this, offset written + 1
    private final AtomicBoolean durable = new AtomicBoolean(true);
    /** The highest record number a request was answered for before it was written. */
    private final AtomicLong owed = new AtomicLong();
    /** Requests waiting, by the number of the last record they wait for. */
    private final ConcurrentSkipListMap<Long, CompletableFuture<Void>> waiting = new ConcurrentSkipListMap<>();

    /** @param waitMs how long a request waits for its state to be written before it is answered anyway */
    public StateJournal(long waitMs) {
        this.waitMs = waitMs;
    }

    /** A state record is about to go into the publishing queue (route step): its number in {@value #SEQUENCE}. */
    public void queued(org.apache.camel.Message message) {
        message.setHeader(SEQUENCE, queued.incrementAndGet());
    }

    /**
     * A state record was written, given up, or never queued (route step): the requests that waited
     * for it and for those before it go on.
     */
    public void written(@org.apache.camel.Header(SEQUENCE) Long sequence) {
        if (sequence == null) {
            return; // a record nobody waits for (audit, user events)
        }
        long done;
        synchronized (this) {
            long offset = sequence - written - 1;
            if (offset < 0) {
                return;
            }
            ahead.set((int) offset);
            int run = ahead.nextClearBit(0);
            if (run > 0) {
                written += run;
                java.util.BitSet rest = ahead.get(run, Math.max(run, ahead.length()));
                ahead.clear();
                ahead.or(rest);
            }
            done = written;
        }
        for (Map.Entry<Long, CompletableFuture<Void>> entry : waiting.headMap(done, true).entrySet()) {
            if (waiting.remove(entry.getKey(), entry.getValue())) {
                entry.getValue().complete(null);
            }
        }
        if (!durable.get() && done >= owed.get() && durable.compareAndSet(false, true)) {
            LOG.info("State topic: every state change is written again; requests are answered after their state is durable");
        }
    }

    private synchronized long writtenUpTo() {
        return written;
    }

    /**
     * Completes when every state record queued so far is written (route step before the answer);
     * at once while the state is not durable, or after {@code waitMs} (the state is then marked not
     * durable). Never completes exceptionally: recording matters more than bookkeeping.
     */
    public CompletionStage<Void> awaitDurable() {
        long target = queued.get();
        if (writtenUpTo() >= target) {
            return CompletableFuture.completedFuture(null);
        }
        if (!durable.get()) {
            owed.accumulateAndGet(target, Math::max);
            return CompletableFuture.completedFuture(null);
        }
        // a copy times out: the future in the map may be shared with awaitWritten, which never does
        return untilWritten(target).copy().completeOnTimeout(null, waitMs, TimeUnit.MILLISECONDS).whenComplete((ignored, error) -> {
            if (writtenUpTo() >= target) {
                return;
            }
            owed.accumulateAndGet(target, Math::max);
            if (durable.compareAndSet(true, false)) {
                LOG.warn("State topic: a state change was not written within {} ms; requests are answered without "
                        + "waiting until the {} changes waiting are written (docs/durable-state.md §11)", waitMs, unwritten());
            }
        });
    }

    /**
     * Completes when every state record queued so far is written or given up, however long that takes
     * (route step of the Kafka call feed before it commits a record's offset, docs/durable-state.md §13):
     * without a broker it waits until one answers, so the record stays uncommitted and is read again
     * after a crash. Unlike {@link #awaitDurable()} it neither times out nor marks the state not durable.
     */
    public CompletionStage<Void> awaitWritten() {
        long target = queued.get();
        return writtenUpTo() >= target ? CompletableFuture.completedFuture(null) : untilWritten(target);
    }

    /** The future the records up to {@code target} complete when written, registered among the waiting. */
    private CompletableFuture<Void> untilWritten(long target) {
        CompletableFuture<Void> done = waiting.computeIfAbsent(target, ignored -> new CompletableFuture<>());
        if (writtenUpTo() >= target) { // written meanwhile, before it could see this waiter
            waiting.remove(target, done);
            done.complete(null);
        }
        return done;
    }

    /** Whether every acknowledged change is durable (the health check). */
    public boolean isDurable() {
        return durable.get();
    }

    /** State records queued but not written yet (a gauge). */
    public long unwritten() {
        long queuedNow = queued.get();
        synchronized (this) {
            return Math.max(0, queuedNow - written - ahead.cardinality());
        }
    }
}
