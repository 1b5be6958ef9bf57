package org.recgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** The report's figures as markdown tables, read from the JSON tree so both always agree. */
final class ReportMarkdown {

    private final StringBuilder md = new StringBuilder();
    private final JsonNode report;

    private ReportMarkdown(JsonNode report) {
        this.report = report;
    }

    static String render(JsonNode report) {
        return new ReportMarkdown(report).all();
    }

    private String all() {
        md.append("# RecGate benchmark report\n\n");
        md.append("Run ").append(text("/time")).append(report.at("/options/quick").asBoolean() ? " (**quick smoke run**: figures are not meaningful)" : "")
                .append(". Gateway in the benchmark's JVM (").append(text("/gateway/kafka")).append("); recorder: sipp.\n\n");
        machine();
        targets();
        headline();
        cyclePhase("Max rate (as fast as possible)", "/maxRate");
        cyclePhase("Fixed rate", "/fixedRate");
        held();
        relay();
        baselines();
        errors();
        options();
        return md.toString();
    }

    private void machine() {
        md.append("## Machine\n\n| | |\n|---|---|\n");
        for (Map.Entry<String, JsonNode> entry : report.path("machine").properties()) {
            row(entry.getKey(), entry.getValue());
        }
        md.append('\n');
    }

    private void targets() {
        md.append("## Targets\n\n| target | measured | result |\n|---|---|---|\n");
        for (JsonNode target : report.path("targets")) {
            String result = !target.path("atTargetSettings").asBoolean() ? "not measured at the target's settings"
                    : target.path("met").asBoolean() ? "met" : "**not met**";
            md.append("| ").append(target.path("target").asText()).append(" | ").append(target.path("measured").asText())
                    .append(" | ").append(result).append(" |\n");
        }
        md.append('\n');
    }

    private void headline() {
        md.append("## Headline\n\n");
        md.append("- Max rate: **").append(text("/maxRate/cyclesPerSecond")).append(" cycles/s**, ")
                .append(text("/maxRate/requestsPerSecond")).append(" requests/s, ")
                .append(text("/maxRate/sipDialogsPerSecond")).append(" SIP dialogs/s\n");
        md.append("- sipp baseline (uac → uas, no gateway): **").append(text("/baselines/sipp/dialogsPerSecond")).append(" dialogs/s**\n");
        md.append("- Ratio of the gateway's cycle rate to the sipp baseline: **").append(text("/ratioToSippBaseline")).append("**\n");
        md.append("- RequestQueryCall round trip (no recorder): ").append(text("/baselines/queryCall/requestsPerSecond"))
                .append(" requests/s, p99 ").append(text("/baselines/queryCall/latencyMs/p99")).append(" ms\n");
        md.append("- Errors in all measured phases: **").append(text("/errors/total")).append("**\n\n");
    }

    private void cyclePhase(String title, String at) {
        JsonNode phase = report.at(at);
        figures(title);
        row("seconds", phase.path("seconds"));
        if (phase.has("targetRate")) {
            row("target cycles/s", phase.path("targetRate"));
            row("starts later than 10 ms", phase.path("lateStarts"));
        } else {
            row("cycles in flight", phase.path("inFlight"));
        }
        row("cycles (start → pause → resume → stop)", phase.path("cycles"));
        row("cycles/s", phase.path("cyclesPerSecond"));
        row("requests/s (incl. call feed)", phase.path("requestsPerSecond"));
        row("SIP dialogs/s (counted by the recorder)", phase.path("sipDialogsPerSecond"));
        row("request → Kafka indication p50 / p99 / p99.9 ms", triple(phase.path("indicationLatencyMs")));
        row("indications missing", phase.path("indicationLatencyMs").path("missing"));
        row("gateway CPU (cores)", phase.at("/cpuCores/gateway"));
        row("load generator CPU (cores)", phase.at("/cpuCores/loadGenerator"));
        row("recorder (sipp) CPU (cores)", phase.at("/cpuCores/recorderSipp"));
        row("heap peak / after GC (MiB)", phase.at("/heapMiB/peak").asText() + " / " + phase.at("/heapMiB/afterGc").asText());
        errorsRowAndEnd(phase);
        latencyTable("EventACK latency by request type (ms)", phase.path("ackLatencyMs"));
    }

    private void latencyTable(String title, JsonNode latencies) {
        md.append(title).append(":\n\n| request | count | p50 | p99 | p99.9 | max |\n|---|---|---|---|---|---|\n");
        for (Map.Entry<String, JsonNode> entry : latencies.properties()) {
            JsonNode l = entry.getValue();
            md.append("| ").append(entry.getKey()).append(" | ").append(l.path("count").asText()).append(" | ")
                    .append(l.path("p50").asText()).append(" | ").append(l.path("p99").asText()).append(" | ")
                    .append(l.path("p999").asText()).append(" | ").append(l.path("max").asText()).append(" |\n");
        }
        md.append('\n');
    }

    private void held() {
        JsonNode held = report.path("held");
        figures("Recordings held open");
        row("recordings requested / held", held.path("requested").asText() + " / " + held.path("held").asText());
        row("dialogs open at the recorder", held.path("recorderOpenDialogs"));
        row("starts/s", held.path("startsPerSecond"));
        row("heap after GC before / held / after stop (MiB)", held.path("heapBeforeMiB").asText() + " / "
                + held.path("heapHeldMiB").asText() + " / " + held.path("heapAfterStopMiB").asText());
        row("heap per held recording (KiB)", held.path("heapPerRecordingKiB"));
        JsonNode restore = held.path("restore");
        row("restore from the state topic: calls / recordings / s / heap MiB (read and rebuilt, re-INVITEs not included)",
                restore.path("calls").asText() + " / " + restore.path("recordings").asText() + " / "
                        + restore.path("seconds").asText() + " / " + restore.path("heapMiB").asText());
        errorsRowAndEnd(held);
    }

    private void relay() {
        JsonNode relay = report.path("relay");
        figures("RequestSendEvent relay (desktop → vendor)");
        row("events sent / delivered", relay.path("events").asText() + " / " + relay.path("delivered").asText());
        row("events/s", relay.path("eventsPerSecond"));
        row("relay latency p50 / p99 / p99.9 ms", triple(relay.path("relayLatencyMs")));
        row("EventACK latency p50 / p99 / p99.9 ms", triple(relay.path("ackLatencyMs")));
        row("gateway CPU (cores)", relay.at("/cpuCores/gateway"));
        errorsRowAndEnd(relay);
    }

    private void baselines() {
        JsonNode sipp = report.at("/baselines/sipp");
        JsonNode query = report.at("/baselines/queryCall");
        figures("Baselines (same machine, same run)");
        row("sipp uac → uas dialogs/s", sipp.path("dialogsPerSecond"));
        row("sipp dialogs / failed / seconds", sipp.path("dialogs").asText() + " / " + sipp.path("failed").asText() + " / "
                + sipp.path("seconds").asText());
        row("sipp command", "`" + sipp.path("command").asText() + "`");
        row("RequestQueryCall requests/s", query.path("requestsPerSecond"));
        row("RequestQueryCall p50 / p99 / p99.9 ms", triple(query.path("latencyMs")));
        row("RequestQueryCall errors", query.at("/errors/total"));
        md.append('\n');
    }

    private void errors() {
        md.append("## Errors by code (all measured phases)\n\n");
        JsonNode byCode = report.at("/errors/byCode");
        if (byCode.isEmpty()) {
            md.append("None.\n\n");
            return;
        }
        md.append("| code | count |\n|---|---|\n");
        for (Map.Entry<String, JsonNode> entry : byCode.properties()) {
            row(entry.getKey(), entry.getValue());
        }
        md.append('\n');
    }

    private void options() {
        md.append("## Options\n\n```\n").append(report.path("options").toPrettyString()).append("\n```\n");
    }

    /** A section that is a table of figures, one {@link #row} each. */
    private void figures(String title) {
        md.append("## ").append(title).append("\n\n| figure | value |\n|---|---|\n");
    }

    /** The last row of a phase's figures: its errors. */
    private void errorsRowAndEnd(JsonNode phase) {
        row("errors", phase.at("/errors/total"));
        md.append('\n');
    }

    private void row(String name, Object value) {
        md.append("| ").append(name).append(" | ").append(value instanceof JsonNode node ? node.asText() : value).append(" |\n");
    }

    private static String triple(JsonNode latency) {
        return latency.path("p50").asText() + " / " + latency.path("p99").asText() + " / " + latency.path("p999").asText();
    }

    private String text(String pointer) {
        return report.at(pointer).asText();
    }
}
