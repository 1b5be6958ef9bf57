package org.recgate.bench;

import java.util.concurrent.atomic.LongAdder;

/** What one phase counts while it runs: requests, completed units (cycles, queries, events), errors, latencies. */
final class Phase {

    final String name;
    final Latencies latencies = new Latencies();
    final ErrorCounts errors = new ErrorCounts();
    final LongAdder requests = new LongAdder();
    final LongAdder completed = new LongAdder();

    Phase(String name) {
        this.name = name;
    }

    @Override
    public String toString() {
        return name;
    }
}
