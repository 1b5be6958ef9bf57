package org.recgate.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deployment files of the repository (docker-compose.yml, ops/prometheus/, ops/grafana/) read as
 * data, and the metric names their PromQL expressions use (docs/operations.md, "Alerts", "Dashboard").
 */
final class OpsFiles {

    static final Path COMPOSE = Path.of("docker-compose.yml");
    static final Path DOCKERFILE = Path.of("Dockerfile");
    static final Path PROMETHEUS = Path.of("ops/prometheus/prometheus.yml");
    static final Path ALERTS = Path.of("ops/prometheus/alerts.yml");
    static final Path ALERT_TESTS = Path.of("ops/prometheus/alerts.test.yml");
    static final Path DASHBOARD = Path.of("ops/grafana/dashboards/recgate.json");
    static final Path GRAFANA_DATASOURCE = Path.of("ops/grafana/provisioning/datasources/prometheus.yml");
    static final Path GRAFANA_DASHBOARDS = Path.of("ops/grafana/provisioning/dashboards/recgate.yml");

    /** Series of the gateway and of the libraries it runs (Camel, Micrometer's JVM and process binders). */
    private static final Pattern METRIC = Pattern.compile("(?<![\\w:])(?:recgate|camel|jvm|process|system)_[A-Za-z0-9_]+");
    private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    /** {@code ${NAME:-default}} of a compose value: the default, as docker-compose uses it when NAME is unset. */
    private static final Pattern COMPOSE_DEFAULT = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*:-([^}]*)}");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpsFiles() {
    }

    static JsonNode yaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Every PromQL expression of the dashboard: panel targets (rows included) and variable queries. */
    static List<String> dashboardExpressions() {
        List<String> expressions = new ArrayList<>();
        JsonNode dashboard = json(DASHBOARD);
        panelExpressions(dashboard.path("panels"), expressions);
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            JsonNode query = variable.path("query");
            if ("query".equals(variable.path("type").asText())) {
                expressions.add(query.isObject() ? query.path("query").asText() : query.asText());
            }
        }
        return expressions;
    }

    private static void panelExpressions(JsonNode panels, List<String> expressions) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                expressions.add(target.path("expr").asText());
            }
            panelExpressions(panel.path("panels"), expressions);
        }
    }

    /** The {@code expr} of every rule in alerts.yml. */
    static List<String> alertExpressions() {
        return nestedValues(ALERTS, "groups", "rules", "expr");
    }

    /** The input series of the promtool rule tests (alerts.test.yml), as selectors. */
    static List<String> ruleTestSeries() {
        return nestedValues(ALERT_TESTS, "tests", "input_series", "series");
    }

    /** {@code file}'s {@code outer[*].inner[*].field} values. */
    private static List<String> nestedValues(Path file, String outer, String inner, String field) {
        List<String> values = new ArrayList<>();
        for (JsonNode item : yaml(file).path(outer)) {
            for (JsonNode element : item.path(inner)) {
                values.add(element.path(field).asText());
            }
        }
        return values;
    }

    /** The metric names a PromQL expression uses (label values and other strings left out). */
    static Set<String> metricNames(String promql) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC.matcher(QUOTED.matcher(promql).replaceAll("\"\""));
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }

    /** A compose service's {@code environment} value, its {@code ${NAME:-default}} parts resolved to their defaults. */
    static String environment(JsonNode service, String name) {
        JsonNode value = service.path("environment").path(name);
        if (value.isMissingNode()) {
            throw new AssertionError(COMPOSE + ": no environment variable " + name);
        }
        return COMPOSE_DEFAULT.matcher(value.asText()).replaceAll(match -> Matcher.quoteReplacement(match.group(1)));
    }

    /** A compose service's published container ports as {@code port/protocol} ({@code 5062/udp}). */
    static Set<String> publishedPorts(JsonNode service) {
        Set<String> ports = new TreeSet<>();
        for (JsonNode entry : service.path("ports")) {
            String spec = entry.asText();
            String protocol = spec.contains("/") ? spec.substring(spec.indexOf('/') + 1) : "tcp";
            String mapping = spec.contains("/") ? spec.substring(0, spec.indexOf('/')) : spec;
            ports.add(mapping.substring(mapping.lastIndexOf(':') + 1) + "/" + protocol);
        }
        return ports;
    }

    /** Where a compose service mounts {@code source} (a named volume or a ./path), or null. */
    static String mountTarget(JsonNode service, String source) {
        for (JsonNode volume : service.path("volumes")) {
            String[] parts = volume.asText().split(":");
            if (parts[0].equals(source)) {
                return parts[1];
            }
        }
        return null;
    }
}
