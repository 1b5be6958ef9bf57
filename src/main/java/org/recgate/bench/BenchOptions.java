package org.recgate.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's options (docs/performance.md). {@code --quick} is the smoke run of the test
 * suite: every phase, each for a moment, so the harness cannot rot.
 *
 * @param concurrency recording cycles in flight in the max-rate phase (closed loop)
 * @param relayConcurrency user events in flight in the relay phase (closed loop): by Little's law
 *        the latency is at least this over the rate, so it is kept low enough for a p99 in ms
 * @param kafkaBrokers an external broker, or empty for the gateway's embedded one
 */
public record BenchOptions(Path out, int rate, Duration duration, Duration warmup, int held, int relay,
                           int desktops, int dnsPerDesktop, int concurrency, int relayConcurrency,
                           int sippBaselineDialogs, Duration queryBaseline, String kafkaBrokers, boolean quick) {

    static final String USAGE = """
            usage: recgate-bench [--out DIR] [--rate N] [--duration S] [--warmup S] [--held N] [--relay N]
                                 [--desktops N] [--dns-per-desktop N] [--concurrency N] [--relay-concurrency N]
                                 [--sipp-baseline N] [--query-baseline S] [--kafka HOST:PORT] [--quick]
              --out DIR          report folder (report.md, report.json); default bench-report
              --rate N           cycles/s of the fixed-rate latency phase; default 500
              --duration S       seconds of the max-rate and of the fixed-rate phase; default 60
              --warmup S         seconds of cycles before measuring (JIT); default 180
              --held N           recordings held open at once for the heap figure; default 50000
              --relay N          RequestSendEvent relayed desktop -> vendor; default 200000
              --desktops N       desktop connections; default 8
              --dns-per-desktop N  DNs each desktop registers; default 16
              --concurrency N    cycles in flight in the max-rate phase; default 128
              --relay-concurrency N  RequestSendEvent in flight in the relay phase; default 16
              --sipp-baseline N  dialogs of the sipp uac -> uas baseline; default 50000
              --query-baseline S seconds of the RequestQueryCall round-trip baseline; default 10
              --kafka HOST:PORT  an external Kafka broker instead of the gateway's embedded one; SASL/SSL as
                                 the gateway's, from RECGATE_KAFKA_SECURITY_PROTOCOL, ..._SASL_JAAS_CONFIG, ...
              --quick            smoke run: a few seconds in all (the test suite runs it)
            """;

    public static BenchOptions defaults() {
        return new Builder().build();
    }

    /** The smoke run: every phase for a moment, small counts. */
    public static BenchOptions quick(Path out) {
        return quickBuilder(out).build();
    }

    private static Builder quickBuilder(Path out) {
        Builder quick = new Builder();
        quick.out = out;
        quick.rate = 100;
        quick.duration = Duration.ofSeconds(3);
        quick.warmup = Duration.ofSeconds(2);
        quick.held = 300;
        quick.relay = 3_000;
        quick.desktops = 2;
        quick.dnsPerDesktop = 4;
        quick.concurrency = 16;
        quick.relayConcurrency = 16;
        quick.sippBaselineDialogs = 1_000;
        quick.queryBaseline = Duration.ofSeconds(2);
        quick.quick = true;
        return quick;
    }

    /** Parses the command line; {@code --quick} first sets the smoke defaults, later options override them. */
    public static BenchOptions parse(String[] args) {
        List<String> rest = new ArrayList<>(List.of(args));
        Builder options = rest.contains("--quick") ? quickBuilder(Path.of("bench-report")) : new Builder();
        for (int i = 0; i < rest.size(); i++) {
            String name = rest.get(i);
            if (name.equals("--quick")) {
                continue;
            }
            if (i + 1 >= rest.size()) {
                throw new IllegalArgumentException("unknown option or missing value: " + name + "\n" + USAGE);
            }
            options.set(name, rest.get(++i));
        }
        return options.build();
    }

    /** The full run's values, changed one option at a time. */
    private static final class Builder {
        private Path out = Path.of("bench-report");
        private int rate = 500;
        private Duration duration = Duration.ofSeconds(60);
        private Duration warmup = Duration.ofSeconds(180);
        private int held = 50_000;
        private int relay = 200_000;
        private int desktops = 8;
        private int dnsPerDesktop = 16;
        private int concurrency = 128;
        private int relayConcurrency = 16;
        private int sippBaselineDialogs = 50_000;
        private Duration queryBaseline = Duration.ofSeconds(10);
        private String kafkaBrokers = "";
        private boolean quick;

        private void set(String name, String value) {
            switch (name) {
                case "--out" -> out = Path.of(value);
                case "--rate" -> rate = positive(name, value);
                case "--duration" -> duration = seconds(name, value);
                case "--warmup" -> warmup = seconds(name, value);
                case "--held" -> held = positive(name, value);
                case "--relay" -> relay = positive(name, value);
                case "--desktops" -> desktops = positive(name, value);
                case "--dns-per-desktop" -> dnsPerDesktop = positive(name, value);
                case "--concurrency" -> concurrency = positive(name, value);
                case "--relay-concurrency" -> relayConcurrency = positive(name, value);
                case "--sipp-baseline" -> sippBaselineDialogs = positive(name, value);
                case "--query-baseline" -> queryBaseline = seconds(name, value);
                case "--kafka" -> kafkaBrokers = value;
                default -> throw new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
            }
        }

        private BenchOptions build() {
            return new BenchOptions(out, rate, duration, warmup, held, relay, desktops, dnsPerDesktop, concurrency,
                    relayConcurrency, sippBaselineDialogs, queryBaseline, kafkaBrokers, quick);
        }
    }

    private static int positive(String name, String value) {
        try {
            int number = Integer.parseInt(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a positive integer, not '" + value + "'");
    }

    /** Whole seconds; 0 is allowed for the warmup. */
    private static Duration seconds(String name, String value) {
        try {
            int number = Integer.parseInt(value);
            if (number >= 0) {
                return Duration.ofSeconds(number);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a number of seconds, not '" + value + "'");
    }
}
