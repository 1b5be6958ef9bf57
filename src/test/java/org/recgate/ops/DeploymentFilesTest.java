package org.recgate.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml, the Dockerfile and the Prometheus and Grafana files fit together: the gateway
 * publishes to the kafka service over a listener Kafka advertises under that name, everything waits
 * for healthy dependencies, Prometheus scrapes the port the gateway serves metrics on, and Grafana
 * loads the dashboard with the datasource it names (docs/operations.md, "Deploying with docker-compose").
 */
class DeploymentFilesTest {

    private final JsonNode services = OpsFiles.yaml(OpsFiles.COMPOSE).path("services");
    private final JsonNode kafka = service("kafka");
    private final JsonNode gateway = service("recgate");

    private JsonNode service(String name) {
        JsonNode service = services.path(name);
        assertFalse(service.isMissingNode(), "docker-compose.yml has no service " + name);
        return service;
    }

    @Test
    void theGatewayPublishesToTheKafkaServiceThroughAnAdvertisedListener() {
        String brokers = OpsFiles.environment(gateway, "RECGATE_KAFKA_BROKERS");
        assertEquals("kafka:9092", brokers, "the gateway must use the kafka service, not its embedded broker");
        String advertised = OpsFiles.environment(kafka, "KAFKA_ADVERTISED_LISTENERS");
        Matcher listener = Pattern.compile("(\\w+)://" + Pattern.quote(brokers) + "(,|$)").matcher(advertised);
        assertTrue(listener.find(), "kafka advertises no listener at " + brokers + ": " + advertised);
        assertTrue(OpsFiles.environment(kafka, "KAFKA_LISTENERS").contains(listener.group(1) + "://:9092"),
                "kafka does not listen on 9092 for its " + listener.group(1) + " listener");
        assertEquals("broker,controller", OpsFiles.environment(kafka, "KAFKA_PROCESS_ROLES"), "one KRaft node");
    }

    @Test
    void kafkaKeepsItsDataOnTheNamedVolume() {
        String logDirs = OpsFiles.environment(kafka, "KAFKA_LOG_DIRS");
        assertEquals(OpsFiles.mountTarget(kafka, "kafka-data"), logDirs,
                "KAFKA_LOG_DIRS must be where the kafka-data volume is mounted");
        assertTrue(OpsFiles.yaml(OpsFiles.COMPOSE).path("volumes").has("kafka-data"), "kafka-data is not a named volume");
        assertEquals(OpsFiles.mountTarget(gateway, "recgate-data"), OpsFiles.environment(gateway, "RECGATE_DATA_DIR"),
                "the gateway's data folder (demo recordings) must be the recgate-data volume");
    }

    @Test
    void servicesWaitForHealthyDependencies() {
        assertFalse(kafka.path("healthcheck").path("test").isEmpty(), "kafka has no healthcheck");
        assertFalse(gateway.path("healthcheck").path("test").isEmpty(), "recgate has no healthcheck");
        assertEquals("service_healthy", gateway.path("depends_on").path("kafka").path("condition").asText(),
                "recgate must wait for a healthy kafka");
        assertEquals("service_healthy", service("grafana").path("depends_on").path("prometheus").path("condition").asText());
        String managementPort = OpsFiles.environment(gateway, "CAMEL_MANAGEMENT_PORT");
        assertTrue(gateway.path("healthcheck").path("test").toString().contains(":" + managementPort + "/observe/health"),
                "the gateway's healthcheck must ask /observe/health on its management port");
    }

    /** The hot-standby pair (docs/operations.md): both with HA on, one Kafka and group, an id and a data volume each. */
    @Test
    void theComposeFileRunsAHotStandbyPair() {
        JsonNode other = service("recgate-b");
        for (JsonNode instance : List.of(gateway, other)) {
            assertEquals("true", OpsFiles.environment(instance, "RECGATE_HA_ENABLED"));
        }
        for (String key : List.of("RECGATE_KAFKA_BROKERS", "RECGATE_HA_GROUP", "RECGATE_TLIB_PORT", "CAMEL_MANAGEMENT_PORT")) {
            assertEquals(OpsFiles.environment(gateway, key), OpsFiles.environment(other, key), key);
        }
        assertFalse(OpsFiles.environment(gateway, "RECGATE_HA_INSTANCE_ID").isEmpty());
        assertFalse(OpsFiles.environment(gateway, "RECGATE_HA_INSTANCE_ID").equals(OpsFiles.environment(other, "RECGATE_HA_INSTANCE_ID")),
                "each instance needs an id of its own");
        assertNotNull(OpsFiles.mountTarget(gateway, "recgate-data"));
        assertEquals(OpsFiles.mountTarget(gateway, "recgate-data"), OpsFiles.mountTarget(other, "recgate-b-data"),
                "a data volume each, at the same place");
        assertTrue(OpsFiles.yaml(OpsFiles.PROMETHEUS).path("scrape_configs").toString().contains("\"recgate-b:"
                + OpsFiles.environment(other, "CAMEL_MANAGEMENT_PORT") + "\""), "prometheus does not scrape recgate-b");
    }

    @Test
    void theGatewayListensForTheOtherContainersAndPublishesItsPorts() {
        assertEquals("0.0.0.0", OpsFiles.environment(gateway, "RECGATE_TLIB_HOST"));
        assertEquals("0.0.0.0", OpsFiles.environment(gateway, "CAMEL_MANAGEMENT_HOST"));
        String sipHost = gateway.path("environment").path("RECGATE_SIP_HOST").asText();
        assertTrue(sipHost.startsWith("${RECGATE_SIP_HOST:-"), "the SIP address must be settable: " + sipHost);
        assertFalse(OpsFiles.environment(gateway, "RECGATE_SIP_HOST").equals("0.0.0.0"), "0.0.0.0 is refused for SIP");
        Set<String> ports = OpsFiles.publishedPorts(gateway);
        for (String port : List.of(OpsFiles.environment(gateway, "RECGATE_TLIB_PORT") + "/tcp",
                OpsFiles.environment(gateway, "RECGATE_SIP_PORT") + "/udp",
                OpsFiles.environment(gateway, "RECGATE_SIP_PORT") + "/tcp",
                OpsFiles.environment(gateway, "CAMEL_MANAGEMENT_PORT") + "/tcp")) {
            assertTrue(ports.contains(port), "recgate does not publish " + port + ": " + ports);
        }
    }

    @Test
    void prometheusScrapesTheGatewaysManagementPortAndLoadsTheAlerts() {
        JsonNode config = OpsFiles.yaml(OpsFiles.PROMETHEUS);
        JsonNode job = null;
        for (JsonNode scrape : config.path("scrape_configs")) {
            if ("recgate".equals(scrape.path("job_name").asText())) {
                job = scrape;
            }
        }
        assertNotNull(job, "prometheus.yml has no job recgate");
        assertEquals("/observe/metrics", job.path("metrics_path").asText());
        String target = "recgate:" + OpsFiles.environment(gateway, "CAMEL_MANAGEMENT_PORT");
        assertTrue(job.path("static_configs").toString().contains("\"" + target + "\""), "prometheus does not scrape " + target);
        assertTrue(config.path("rule_files").toString().contains("\"alerts.yml\""), "prometheus.yml does not load alerts.yml");

        JsonNode prometheus = service("prometheus");
        assertTrue(prometheus.path("command").toString().contains("--config.file=/etc/prometheus/prometheus.yml"));
        assertEquals("/etc/prometheus", OpsFiles.mountTarget(prometheus, "./ops/prometheus"));
    }

    @Test
    void grafanaLoadsTheDashboardWithTheProvisionedDatasource() {
        JsonNode grafana = service("grafana");
        assertEquals("/etc/grafana/provisioning", OpsFiles.mountTarget(grafana, "./ops/grafana/provisioning"));
        String dashboards = OpsFiles.mountTarget(grafana, "./ops/grafana/dashboards");
        assertEquals(dashboards, OpsFiles.yaml(OpsFiles.GRAFANA_DASHBOARDS).path("providers").path(0).path("options").path("path").asText(),
                "the dashboard provider must read the folder the dashboards are mounted at");

        JsonNode datasource = OpsFiles.yaml(OpsFiles.GRAFANA_DATASOURCE).path("datasources").path(0);
        assertEquals("http://prometheus:9090", datasource.path("url").asText(), "the datasource is the prometheus service");
        JsonNode dashboard = OpsFiles.json(OpsFiles.DASHBOARD);
        String chosen = null;
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if ("datasource".equals(variable.path("type").asText())) {
                chosen = variable.path("current").path("value").asText();
            }
        }
        assertEquals(datasource.path("uid").asText(), chosen, "the dashboard must default to the provisioned datasource");
    }

    @Test
    void everyExpressionSelectsTheScrapeJob() {
        List<String> expressions = new ArrayList<>(OpsFiles.dashboardExpressions());
        expressions.addAll(OpsFiles.alertExpressions());
        for (String expression : expressions) {
            assertTrue(expression.contains("job=\"recgate\""), "selects no job=\"recgate\" (prometheus.yml): " + expression);
        }
    }

    @Test
    void theImageIsPinnedRunsAsAnUnprivilegedUserAndChecksItsHealth() throws IOException {
        List<String> lines = Files.readAllLines(OpsFiles.DOCKERFILE);
        String from = lines.stream().filter(line -> line.startsWith("FROM ")).findFirst().orElseThrow();
        assertTrue(from.matches("FROM [\\w./-]+:\\d+\\.\\d+\\.\\d+[\\w.-]*"), "base image tag is not a full version: " + from);
        String user = lines.stream().filter(line -> line.startsWith("USER ")).reduce((first, last) -> last).orElseThrow();
        assertFalse(user.matches("USER (root|0)(:.*)?"), "the image runs as root: " + user);
        String healthcheck = String.join("\n", lines);
        assertTrue(healthcheck.contains("HEALTHCHECK") && healthcheck.contains("/observe/health"), "no HEALTHCHECK on /observe/health");
        assertTrue(Files.exists(Path.of("LICENSE")) && Files.readString(Path.of("LICENSE")).contains("Apache License"));
    }
}
