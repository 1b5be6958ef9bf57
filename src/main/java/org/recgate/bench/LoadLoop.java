package org.recgate.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

/**
 * Starts units of work (a recording cycle, a query, a user event) until a deadline or a count:
 * as fast as possible with at most {@code inFlight} at once (closed loop), or at a fixed rate
 * (open loop: each start is scheduled, whatever the previous ones are doing, so slow answers show
 * as latency, not as a lower request rate; {@code inFlight} only caps a runaway backlog). Then it
 * waits for the units in flight, at most {@link #DRAIN_TIMEOUT}. Runs on a thread of its own
 * ({@code bench-driver}) so its CPU counts as the load generator's.
 *
 * @param rate units per second, or 0 for as fast as possible
 * @param duration how long to start units (or {@code null}: until {@code count})
 * @param sequence numbers the units ({@code unit} gets the next one)
 */
record LoadLoop(int inFlight, double rate, Duration duration, long count, AtomicLong sequence,
                LongFunction<CompletableFuture<Boolean>> unit) {

    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

    /** What a loop did: units started, succeeded, failed, left unfinished; starts later than 10 ms; seconds from first start to last end. */
    record Outcome(long started, long succeeded, long failed, long unfinished, long lateStarts, double seconds) {
        double perSecond() {
            return seconds > 0 ? succeeded / seconds : 0;
        }
    }

    static Outcome closed(int inFlight, Duration duration, AtomicLong sequence, LongFunction<CompletableFuture<Boolean>> unit) throws InterruptedException {
        return new LoadLoop(inFlight, 0, duration, Long.MAX_VALUE, sequence, unit).runOnDriverThread();
    }

    static Outcome closedCount(int inFlight, long count, AtomicLong sequence, LongFunction<CompletableFuture<Boolean>> unit) throws InterruptedException {
        return new LoadLoop(inFlight, 0, null, count, sequence, unit).runOnDriverThread();
    }

    static Outcome paced(double rate, int inFlight, Duration duration, AtomicLong sequence, LongFunction<CompletableFuture<Boolean>> unit) throws InterruptedException {
        return new LoadLoop(inFlight, rate, duration, Long.MAX_VALUE, sequence, unit).runOnDriverThread();
    }

    private Outcome runOnDriverThread() throws InterruptedException {
        Outcome[] outcome = new Outcome[1];
        Thread driver = new Thread(() -> {
            outcome[0] = run();
            ProcessProbe.threadEnding();
        }, PipelinedClient.THREAD_PREFIX + "driver");
        driver.setDaemon(true);
        driver.start();
        long limit = (duration != null ? duration.toMillis() : TimeUnit.HOURS.toMillis(2)) + DRAIN_TIMEOUT.toMillis() + 10_000;
        driver.join(limit);
        if (outcome[0] == null) {
            driver.interrupt();
            throw new IllegalStateException("the load loop did not end within " + limit + " ms");
        }
        return outcome[0];
    }

    private Outcome run() {
        Semaphore permits = new Semaphore(inFlight);
        LongAdder succeeded = new LongAdder();
        LongAdder failed = new LongAdder();
        long started = 0;
        long late = 0;
        long start = System.nanoTime();
        long deadline = duration != null ? start + duration.toNanos() : Long.MAX_VALUE;
        double interval = rate > 0 ? 1e9 / rate : 0;
        try {
            while (started < count && System.nanoTime() < deadline) {
                long due = start + (long) (started * interval);
                if (rate > 0) {
                    parkUntil(due);
                }
                if (!permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                if (rate > 0 && System.nanoTime() - due > TimeUnit.MILLISECONDS.toNanos(10)) {
                    late++;
                }
                started++;
                CompletableFuture<Boolean> done;
                try {
                    done = unit.apply(sequence.incrementAndGet());
                } catch (RuntimeException e) {
                    done = CompletableFuture.failedFuture(e);
                }
                done.whenComplete((ok, failure) -> {
                    (Boolean.TRUE.equals(ok) && failure == null ? succeeded : failed).increment();
                    permits.release();
                });
            }
            boolean drained = permits.tryAcquire(inFlight, DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            long unfinished = drained ? 0 : inFlight - permits.availablePermits();
            return new Outcome(started, succeeded.sum(), failed.sum(), unfinished, late, (System.nanoTime() - start) / 1e9);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(started, succeeded.sum(), failed.sum(), inFlight - permits.availablePermits(), late,
                    (System.nanoTime() - start) / 1e9);
        }
    }

    private static void parkUntil(long due) {
        for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
