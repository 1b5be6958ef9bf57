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
 * @param kafkaBrokers an external broker, or empty for the gateway's embedded one
 */
public record BenchOptions(Path out, int rate, Duration duration, Duration warmup, int held, int relay,
                           int desktops, int dnsPerDesktop, int concurrency, int sippBaselineDialogs,
                           Duration queryBaseline, String kafkaBrokers, boolean quick) {

    static final String USAGE = """
            usage: recgate-bench [--out DIR] [--rate N] [--duration S] [--warmup S] [--held N] [--relay N]
                                 [--desktops N] [--dns-per-desktop N] [--concurrency N]
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
              --sipp-baseline N  dialogs of the sipp uac -> uas baseline; default 50000
              --query-baseline S seconds of the RequestQueryCall round-trip baseline; default 10
              --kafka HOST:PORT  an external Kafka broker instead of the gateway's embedded one
              --quick            smoke run: a few seconds in all (the test suite runs it)
            """;

    public static BenchOptions defaults() {
        return new BenchOptions(Path.of("bench-report"), 500, Duration.ofSeconds(60), Duration.ofSeconds(180), 50_000,
                200_000, 8, 16, 128, 50_000, Duration.ofSeconds(10), "", false);
    }

    /** The smoke run: every phase for a moment, small counts. */
    public static BenchOptions quick(Path out) {
        return new BenchOptions(out, 100, Duration.ofSeconds(3), Duration.ofSeconds(2), 300, 3_000, 2, 4, 16, 1_000,
                Duration.ofSeconds(2), "", true);
    }

    /** Parses the command line; {@code --quick} first sets the smoke defaults, later options override them. */
    public static BenchOptions parse(String[] args) {
        List<String> rest = new ArrayList<>(List.of(args));
        Path out = Path.of("bench-report");
        int outAt = rest.indexOf("--out");
        if (outAt >= 0 && outAt + 1 < rest.size()) {
            out = Path.of(rest.get(outAt + 1));
        }
        BenchOptions options = rest.contains("--quick") ? quick(out) : defaults().withOut(out);
        for (int i = 0; i < rest.size(); i++) {
            String name = rest.get(i);
            if (name.equals("--quick")) {
                continue;
            }
            if (i + 1 >= rest.size()) {
                throw new IllegalArgumentException("unknown option or missing value: " + name + "\n" + USAGE);
            }
            options = options.with(name, rest.get(++i));
        }
        return options;
    }

    private BenchOptions with(String name, String value) {
        return switch (name) {
            case "--out" -> withOut(Path.of(value));
            case "--rate" -> new BenchOptions(out, positive(name, value), duration, warmup, held, relay, desktops,
                    dnsPerDesktop, concurrency, sippBaselineDialogs, queryBaseline, kafkaBrokers, quick);
            case "--duration" -> new BenchOptions(out, rate, seconds(name, value), warmup, held, relay, desktops,
                    dnsPerDesktop, concurrency, sippBaselineDialogs, queryBaseline, kafkaBrokers, quick);
            case "--warmup" -> new BenchOptions(out, rate, duration, seconds(name, value), held, relay, desktops,
                    dnsPerDesktop, concurrency, sippBaselineDialogs, queryBaseline, kafkaBrokers, quick);
            case "--held" -> new BenchOptions(out, rate, duration, warmup, positive(name, value), relay, desktops,
                    dnsPerDesktop, concurrency, sippBaselineDialogs, queryBaseline, kafkaBrokers, quick);
            case "--relay" -> new BenchOptions(out, rate, duration, warmup, held, positive(name, value), desktops,
                    dnsPerDesktop, concurrency, sippBaselineDialogs, queryBaseline, kafkaBrokers, quick);
            case "--desktops" -> new BenchOptions(out, rate, duration, warmup, held, relay, positive(name, value),
                    dnsPerDesktop, concurrency, sippBaselineDialogs, queryBaseline, kafkaBrokers, quick);
            case "--dns-per-desktop" -> new BenchOptions(out, rate, duration, warmup, held, relay, desktops,
                    positive(name, value), concurrency, sippBaselineDialogs, queryBaseline, kafkaBrokers, quick);
            case "--concurrency" -> new BenchOptions(out, rate, duration, warmup, held, relay, desktops,
                    dnsPerDesktop, positive(name, value), sippBaselineDialogs, queryBaseline, kafkaBrokers, quick);
            case "--sipp-baseline" -> new BenchOptions(out, rate, duration, warmup, held, relay, desktops,
                    dnsPerDesktop, concurrency, positive(name, value), queryBaseline, kafkaBrokers, quick);
            case "--query-baseline" -> new BenchOptions(out, rate, duration, warmup, held, relay, desktops,
                    dnsPerDesktop, concurrency, sippBaselineDialogs, seconds(name, value), kafkaBrokers, quick);
            case "--kafka" -> new BenchOptions(out, rate, duration, warmup, held, relay, desktops,
                    dnsPerDesktop, concurrency, sippBaselineDialogs, queryBaseline, value, quick);
            default -> throw new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
        };
    }

    BenchOptions withOut(Path folder) {
        return new BenchOptions(folder, rate, duration, warmup, held, relay, desktops, dnsPerDesktop, concurrency,
                sippBaselineDialogs, queryBaseline, kafkaBrokers, quick);
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
