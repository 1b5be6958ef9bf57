package org.recgate.support;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.ToDoubleFunction;

/**
 * How the gateway's meters are made, the same for every area: each with its HELP text, each
 * registered at start-up (so alerts see a zero series before the first event), latencies as
 * Prometheus histograms with the same buckets (docs/operations.md).
 */
public final class Meters {

    /** Latency buckets, 0.5 ms to 30 s: an EventACK takes ~1 ms, a recorder that times out 5 s. */
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(1).dividedBy(2), Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
        Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final MeterRegistry registry;

    public Meters(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** A counter with its tags ({@code key, value, ...}), there at zero from now on. */
    public Counter counter(String name, String help, String... tags) {
        return Counter.builder(name).description(help).tags(tags).register(registry);
    }

    public <T> void gauge(String name, String help, T source, ToDoubleFunction<T> value, String... tags) {
        Gauge.builder(name, source, value).description(help).tags(tags).register(registry);
    }

    /** A latency histogram ({@code name_seconds_bucket} in Prometheus) with the shared buckets. */
    public Timer timer(String name, String help, String... tags) {
        return Timer.builder(name).description(help).tags(tags)
                .serviceLevelObjectives(BUCKETS)
                .minimumExpectedValue(BUCKETS[0])
                .maximumExpectedValue(BUCKETS[BUCKETS.length - 1])
                .register(registry);
    }
}
