package org.recgate.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Errors of a phase by code: an {@code EventError}'s AttrErrorCode as {@code "EventError 57"}, or
 * what the benchmark saw itself ({@code timeout}, {@code connection-lost}, {@code unexpected EventX},
 * {@code indication-missing}, {@code recorder-failed-dialog}, {@code relay-missing}).
 */
final class ErrorCounts {

    private final ConcurrentMap<String, LongAdder> counts = new ConcurrentHashMap<>();

    void count(String code) {
        counts.computeIfAbsent(code, ignored -> new LongAdder()).increment();
    }

    void add(String code, long n) {
        if (n > 0) {
            counts.computeIfAbsent(code, ignored -> new LongAdder()).add(n);
        }
    }

    long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    Map<String, Long> byCode() {
        Map<String, Long> byCode = new TreeMap<>();
        counts.forEach((code, count) -> byCode.put(code, count.sum()));
        return byCode;
    }
}
