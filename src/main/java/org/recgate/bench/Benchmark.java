package org.recgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load generator and its report (issue 8, docs/performance.md): the real gateway, started in
 * this JVM, driven over TCP by T-Library clients (a switch feed, desktops, a vendor), recording
 * to sipp, publishing to a real Kafka broker that a consumer here reads. Phases, in order:
 * baselines (sipp uac → uas; RequestQueryCall), warm-up, max rate, fixed rate, recordings held
 * open, RequestSendEvent relay. Writes report.md and report.json to {@code --out} and prints the
 * markdown. Errors anywhere (warm-up included) count. Exit status 0 when the run had no errors, 1 when it had some, 2 when it could not run.
 */
public final class Benchmark {

    private static final String[] MEASURED = {"/warmup", "/maxRate", "/fixedRate", "/held", "/relay", "/baselines/queryCall"};

    private Benchmark() {
    }

    public static void main(String[] args) {
        System.exit(runCommandLine(args));
    }

    /** Parses {@code args}, runs and prints the report; returns the exit status. */
    static int runCommandLine(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        try {
            ObjectNode report = run(options);
            System.out.println(Files.readString(options.out().resolve("report.md")));
            System.out.println("Report written to " + options.out().toAbsolutePath());
            return report.at("/errors/total").asLong() == 0 ? 0 : 1;
        } catch (Exception e) {
            System.err.println("recgate-bench failed: " + e);
            e.printStackTrace();
            return 2;
        }
    }

    /** Runs every phase and writes the report; returns it. */
    public static ObjectNode run(BenchOptions options) throws Exception {
        Path workDir = Files.createTempDirectory("recgate-bench");
        ObjectNode report = Report.object();
        report.put("schema", Report.SCHEMA);
        report.put("time", Instant.now().toString());
        report.set("machine", machine());
        report.set("options", options(options));
        ObjectNode baselines = report.putObject("baselines");
        progress("baseline: sipp uac -> uas, " + options.sippBaselineDialogs() + " dialogs");
        baselines.set("sipp", Baselines.sipp(workDir, options.sippBaselineDialogs()));
        try (SippProcess recorder = SippProcess.recorder(workDir, options.held() + 10_000);
             BenchGateway gateway = BenchGateway.start(recorder.uri(), options.kafkaBrokers(), workDir);
             IndicationWatcher indications = IndicationWatcher.start(gateway.brokers(), gateway.kafkaSecurity(), gateway.indicationsTopic());
             LoadClients clients = LoadClients.connect(gateway.tlibPort(), options.desktops(), options.dnsPerDesktop());
             ProcessProbe probe = new ProcessProbe()) {
            ObjectNode gatewayInfo = report.putObject("gateway");
            gatewayInfo.put("inProcess", true);
            gatewayInfo.put("kafka", options.kafkaBrokers().isBlank() ? "the gateway's embedded broker (same JVM)" : "broker " + options.kafkaBrokers());
            gatewayInfo.put("recorder", recorder + " (" + SippProcess.RECORDER_SCENARIO + ")");
            gatewayInfo.put("dns", clients.dnCount());
            BenchContext context = new BenchContext(options, workDir, recorder, clients, indications,
                    new RecordingCycles(clients, indications), probe, new AtomicLong(), gateway.stateTopic());
            progress("baseline: RequestQueryCall for " + options.queryBaseline().toSeconds() + " s");
            baselines.set("queryCall", Baselines.queryCall(context, options.queryBaseline()));
            if (!options.warmup().isZero()) {
                progress("warm-up: " + options.warmup().toSeconds() + " s of cycles as fast as possible");
                report.set("warmup", CyclePhase.run(context, "warmup", 0, options.warmup(), false));
            }
            progress("max rate: " + options.duration().toSeconds() + " s, " + options.concurrency() + " cycles in flight");
            report.set("maxRate", CyclePhase.run(context, "max rate", 0, options.duration(), true));
            progress("fixed rate: " + options.rate() + " cycles/s for " + options.duration().toSeconds() + " s");
            report.set("fixedRate", CyclePhase.run(context, "fixed rate", options.rate(), options.duration(), true));
            // The relay before the held recordings: once 50,000 of them are stopped, the SIP stack keeps
            // their ended dialogs and transactions for about 32 s (RFC 3261 §17 timers), and collecting
            // them would be measured as relay latency.
            progress("relay: " + options.relay() + " RequestSendEvent desktop -> vendor, " + options.relayConcurrency() + " in flight");
            report.set("relay", RelayPhase.run(context));
            progress("held: " + options.held() + " recordings open at once");
            report.set("held", HeldPhase.run(context));
        }
        report.put("ratioToSippBaseline", Report.round3(ratio(report.at("/maxRate/cyclesPerSecond").asDouble(),
                report.at("/baselines/sipp/dialogsPerSecond").asDouble())));
        ObjectNode errors = Report.totalErrors(report, MEASURED);
        errors.put("sippBaselineFailed", report.at("/baselines/sipp/failed").asLong());
        errors.put("total", errors.path("total").asLong() + report.at("/baselines/sipp/failed").asLong());
        report.set("errors", errors);
        report.set("targets", targets(report, options));
        Report.write(report, options.out());
        return report;
    }

    private static double ratio(double a, double b) {
        return b > 0 ? a / b : 0;
    }

    /** The targets, for a 2-core machine with everything on it. */
    private static ArrayNode targets(JsonNode report, BenchOptions options) {
        ArrayNode targets = Report.array();
        JsonNode max = report.path("maxRate");
        targets.add(Report.target("cycles", "≥ 1,000 full recording cycles/s sustained for 60 s with no errors",
                max.path("cyclesPerSecond").asText() + " cycles/s for " + max.path("seconds").asText() + " s, "
                        + max.at("/errors/total").asText() + " errors",
                max.path("cyclesPerSecond").asDouble() >= 1000 && max.at("/errors/total").asLong() == 0,
                options.duration().toSeconds() >= 60));
        JsonNode fixed = report.path("fixedRate");
        double worstP99 = 0;
        for (JsonNode latency : fixed.path("ackLatencyMs")) {
            worstP99 = Math.max(worstP99, latency.path("p99").asDouble());
        }
        double achieved = fixed.path("cyclesPerSecond").asDouble();
        targets.add(Report.target("ack-p99", "EventACK p99 ≤ 20 ms at 500 cycles/s",
                "worst p99 " + worstP99 + " ms at " + achieved + " cycles/s (target " + options.rate() + ")",
                worstP99 <= 20 && achieved >= 0.95 * 500 && fixed.at("/errors/total").asLong() == 0, options.rate() == 500));
        JsonNode held = report.path("held");
        targets.add(Report.target("held", "50,000 recordings held in ≤ 2 GiB heap",
                held.path("held").asText() + " held, heap after GC " + held.path("heapHeldMiB").asText() + " MiB",
                held.path("held").asLong() >= 50_000 && held.path("heapHeldMiB").asDouble() <= 2048, options.held() >= 50_000));
        JsonNode restore = held.path("restore");
        targets.add(Report.target("restore", "50,000 held recordings restored in ≤ 10 s (read and rebuilt from the state topic; the re-INVITEs are not measured)",
                restore.path("recordings").asText() + " recordings of " + restore.path("calls").asText() + " calls in "
                        + restore.path("seconds").asText() + " s, heap " + restore.path("heapMiB").asText() + " MiB",
                restore.path("recordings").asLong() >= 50_000 && restore.path("seconds").asDouble() <= 10, options.held() >= 50_000));
        JsonNode relay = report.path("relay");
        targets.add(Report.target("relay", "RequestSendEvent relay ≥ 20,000 events/s with p99 ≤ 5 ms",
                relay.path("eventsPerSecond").asText() + " events/s, p99 " + relay.at("/relayLatencyMs/p99").asText() + " ms",
                relay.path("eventsPerSecond").asDouble() >= 20_000 && relay.at("/relayLatencyMs/p99").asDouble() <= 5,
                options.relay() >= 100_000));
        return targets;
    }

    private static ObjectNode machine() {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ObjectNode machine = Report.object();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("cpu", cpuModel());
        machine.put("memoryGiB", Report.round(os.getTotalMemorySize() / 1024.0 / 1024 / 1024));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("maxHeapMiB", Report.mib(Runtime.getRuntime().maxMemory()));
        machine.put("jvmArguments", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        machine.put("sipp", sippVersion());
        return machine;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String sippVersion() {
        try {
            Process process = new ProcessBuilder("sipp", "-v").redirectErrorStream(true).start();
            String text = new String(process.getInputStream().readAllBytes());
            process.waitFor(5, TimeUnit.SECONDS);
            return text.lines().map(String::trim).filter(line -> line.startsWith("SIPp")).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "not found";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static ObjectNode options(BenchOptions options) {
        return Report.object()
                .put("quick", options.quick())
                .put("rate", options.rate())
                .put("durationSeconds", options.duration().toSeconds())
                .put("warmupSeconds", options.warmup().toSeconds())
                .put("held", options.held())
                .put("relay", options.relay())
                .put("desktops", options.desktops())
                .put("dnsPerDesktop", options.dnsPerDesktop())
                .put("concurrency", options.concurrency())
                .put("relayConcurrency", options.relayConcurrency())
                .put("sippBaselineDialogs", options.sippBaselineDialogs())
                .put("queryBaselineSeconds", options.queryBaseline().toSeconds())
                .put("kafka", options.kafkaBrokers().isBlank() ? "embedded" : options.kafkaBrokers());
    }

    private static void progress(String what) {
        System.err.println(Instant.now() + " recgate-bench: " + what);
    }
}
