package org.recgate.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Latency histograms by name (a request type, "indication", "relay"), in microseconds, with three
 * significant digits up to one minute: an answer later than that is a timeout anyway.
 */
final class Latencies {

    private static final long HIGHEST_MICROS = 60_000_000L;

    private final ConcurrentMap<String, Histogram> histograms = new ConcurrentHashMap<>();

    void record(String name, long nanos) {
        long micros = Math.max(1, Math.min(HIGHEST_MICROS, nanos / 1_000));
        histograms.computeIfAbsent(name, ignored -> new ConcurrentHistogram(HIGHEST_MICROS, 3)).recordValue(micros);
    }

    /** Every histogram's summary, by name in order. */
    Map<String, Summary> summaries() {
        Map<String, Summary> summaries = new TreeMap<>();
        histograms.forEach((name, histogram) -> summaries.put(name, Summary.of(histogram)));
        return summaries;
    }

    Summary summary(String name) {
        Histogram histogram = histograms.get(name);
        return histogram == null ? Summary.EMPTY : Summary.of(histogram);
    }

    /** Count and percentiles in milliseconds. */
    record Summary(long count, double p50, double p99, double p999, double max) {

        static final Summary EMPTY = new Summary(0, 0, 0, 0, 0);

        static Summary of(Histogram histogram) {
            Histogram copy = histogram.copy();
            return new Summary(copy.getTotalCount(), millis(copy.getValueAtPercentile(50)), millis(copy.getValueAtPercentile(99)),
                    millis(copy.getValueAtPercentile(99.9)), millis(copy.getMaxValue()));
        }

        private static double millis(long micros) {
            return micros / 1000.0;
        }
    }
}
