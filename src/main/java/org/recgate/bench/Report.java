package org.recgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The benchmark's report: one JSON tree ({@code report.json}, schema {@code recgate-bench/1}) and
 * the same figures as markdown ({@code report.md}), both written to the {@code --out} folder.
 */
final class Report {

    static final String SCHEMA = "recgate-bench/1";

    private Report() {
    }

    static ObjectNode object() {
        return PipelinedClient.JSON.createObjectNode();
    }

    static double round(double value) {
        return Double.isFinite(value) ? Math.round(value * 100) / 100.0 : 0;
    }

    /** Three decimals, for a ratio. */
    static double round3(double value) {
        return Double.isFinite(value) ? new java.math.BigDecimal(value).setScale(3, java.math.RoundingMode.HALF_UP).doubleValue() : 0;
    }

    static double mib(long bytes) {
        return round(bytes / 1024.0 / 1024.0);
    }

    static ObjectNode latency(Latencies.Summary summary) {
        ObjectNode node = object();
        node.put("count", summary.count());
        node.put("p50", summary.p50());
        node.put("p99", summary.p99());
        node.put("p999", summary.p999());
        node.put("max", summary.max());
        return node;
    }

    static ObjectNode latencies(Latencies latencies) {
        ObjectNode node = object();
        latencies.summaries().forEach((name, summary) -> node.set(name, latency(summary)));
        return node;
    }

    static ObjectNode errors(ErrorCounts errors) {
        ObjectNode node = object();
        node.put("total", errors.total());
        ObjectNode byCode = node.putObject("byCode");
        errors.byCode().forEach(byCode::put);
        return node;
    }

    static ObjectNode cpu(ProcessProbe.Usage usage) {
        ObjectNode node = object();
        node.put("gateway", round(usage.gatewayCores()));
        node.put("loadGenerator", round(usage.benchCores()));
        node.put("process", round(usage.processCores()));
        node.put("recorderSipp", round(usage.recorderCores()));
        return node;
    }

    /** Every phase's errors, added up by code. */
    static ObjectNode totalErrors(ObjectNode report, String... sections) {
        ObjectNode total = object();
        ObjectNode byCode = object();
        long sum = 0;
        for (String name : sections) {
            JsonNode errors = report.at(name).path("errors");
            sum += errors.path("total").asLong();
            for (Map.Entry<String, JsonNode> entry : errors.path("byCode").properties()) {
                byCode.put(entry.getKey(), byCode.path(entry.getKey()).asLong() + entry.getValue().asLong());
            }
        }
        total.put("total", sum);
        total.set("byCode", byCode);
        return total;
    }

    static ObjectNode target(String name, String target, String measured, boolean met, boolean atTargetSettings) {
        ObjectNode node = object();
        node.put("name", name);
        node.put("target", target);
        node.put("measured", measured);
        node.put("met", met && atTargetSettings);
        node.put("atTargetSettings", atTargetSettings);
        return node;
    }

    static void write(ObjectNode report, Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("report.json"),
                PipelinedClient.JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report) + "\n");
        Files.writeString(folder.resolve("report.md"), ReportMarkdown.render(report));
    }

    static ArrayNode array() {
        return PipelinedClient.JSON.createArrayNode();
    }
}
