package org.recgate.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * CPU and heap of the gateway, which runs in this JVM (started by the benchmark): the process's
 * CPU time (OperatingSystemMXBean) less the CPU of the load generator's own threads (named
 * {@code bench-*}, ThreadMXBean), and the heap (MemoryMXBean), sampled for its peak and measured
 * after a full GC for what is live. The gateway's figure includes its embedded Kafka broker.
 */
final class ProcessProbe implements AutoCloseable {

    /** CPU of load-generator threads that have ended (a loop's driver), which ThreadMXBean no longer reports. */
    private static final LongAdder FINISHED_BENCH_CPU = new LongAdder();

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong peakHeap = new AtomicLong();
    private final ScheduledExecutorService sampler;

    /** A moment's CPU counters. */
    record Sample(long wallNanos, long processCpuNanos, long benchCpuNanos, long recorderCpuNanos) {
    }

    /** CPU used between two samples, in cores (1.0 = one core busy all the time). */
    record Usage(double processCores, double benchCores, double gatewayCores, double recorderCores) {
    }

    ProcessProbe() {
        threads.setThreadCpuTimeEnabled(true);
        sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, PipelinedClient.THREAD_PREFIX + "heap-sampler");
            thread.setDaemon(true);
            return thread;
        });
        sampler.scheduleAtFixedRate(() -> peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max),
                0, 200, TimeUnit.MILLISECONDS);
    }

    /** Called by a load-generator thread as it ends, with its own CPU time. */
    static void threadEnding() {
        FINISHED_BENCH_CPU.add(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
    }

    Sample sample(SippProcess recorder) {
        return new Sample(System.nanoTime(), os.getProcessCpuTime(), benchCpu(), recorder.cpu().toNanos());
    }

    private long benchCpu() {
        long total = FINISHED_BENCH_CPU.sum();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(PipelinedClient.THREAD_PREFIX)) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    static Usage between(Sample from, Sample to) {
        double wall = Math.max(1, to.wallNanos() - from.wallNanos());
        double process = (to.processCpuNanos() - from.processCpuNanos()) / wall;
        double bench = (to.benchCpuNanos() - from.benchCpuNanos()) / wall;
        return new Usage(process, bench, Math.max(0, process - bench), (to.recorderCpuNanos() - from.recorderCpuNanos()) / wall);
    }

    /** The highest heap use sampled since the last call, and starts anew. */
    long takePeakHeap() {
        return peakHeap.getAndSet(memory.getHeapMemoryUsage().getUsed());
    }

    /** Heap in use after full collections: what is live. */
    long heapAfterGc() {
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    long maxHeap() {
        return memory.getHeapMemoryUsage().getMax();
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
