package org.recgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.recgate.RecGate;
import org.recgate.kafka.KafkaSecurity;
import org.recgate.kafka.StateTopic;

/**
 * The real gateway, started in the benchmark's JVM with the real route files, on free ports of
 * 127.0.0.1, recording to the sipp recorder, with a DN file of the benchmark's three applications.
 * With no broker given, the gateway starts its own embedded Kafka broker (the default run); topics
 * carry the run's name so an external broker's other topics are left alone.
 *
 * @param tlibPort         the gateway's T-Library port on 127.0.0.1
 * @param brokers          the Kafka bootstrap servers the gateway records to (its embedded broker's, or the given ones)
 * @param kafkaSecurity    how the benchmark's own Kafka clients connect: as the gateway's (docs/security.md)
 * @param indicationsTopic the run's recording-indications topic
 */
record BenchGateway(RecGate gate, int tlibPort, String brokers, KafkaSecurity kafkaSecurity, String indicationsTopic)
        implements AutoCloseable {

    static final String SWITCH = "bench-switch";
    static final String DESKTOP = "bench-desktop";
    static final String VENDOR = "bench-vendor";

    private static final long TOPIC_TIMEOUT_SECONDS = 30;

    static BenchGateway start(String recorderUri, String externalBrokers, Path workDir) throws Exception {
        int tlibPort = LocalPorts.tcp();
        String run = "bench-" + tlibPort;
        Map<String, String> settings = new HashMap<>();
        settings.put("recgate.tlib.host", "127.0.0.1");
        settings.put("recgate.tlib.port", Integer.toString(tlibPort));
        settings.put("camel.management.host", "127.0.0.1");
        settings.put("camel.management.port", Integer.toString(LocalPorts.tcp()));
        settings.put("recgate.api.port", Integer.toString(LocalPorts.tcp()));
        settings.put("recgate.dn-file", dnFile(workDir).toString());
        settings.put("recgate.recorder.uri", recorderUri);
        settings.put("recgate.recorder.allowed-hosts", "127.0.0.1");
        // no OPTIONS keepalives: sipp would count each as a dialog, and the report counts one per
        // cycle; one OPTIONS per 5 s to the one recorder is nothing next to the load
        settings.put("recgate.recorder.keepalive-ms", "0");
        settings.put("recgate.sip.host", "127.0.0.1");
        settings.put("recgate.sip.port", Integer.toString(LocalPorts.free("udp")));
        settings.put("recgate.sip.transport", "udp");
        settings.put("recgate.demo-recorder.port", Integer.toString(LocalPorts.free("udp")));
        settings.put("recgate.data-dir", workDir.resolve("data").toString());
        settings.put("recgate.kafka.brokers", externalBrokers);
        settings.put("recgate.kafka.embedded.port", Integer.toString(LocalPorts.tcp()));
        settings.put("recgate.kafka.group-id", run);
        String indications = run + ".recording.indications";
        settings.put("recgate.kafka.topic.indications", indications);
        settings.put("recgate.kafka.topic.user-events", run + ".user-events");
        settings.put("recgate.kafka.topic.audit", run + ".audit");
        settings.put("recgate.kafka.topic.call-events", run + ".call-events");
        settings.put("recgate.kafka.topic.state", run + ".state");
        // a load generator is one client doing the work of many: the per-client limits would throttle it
        // (docs/security.md, Limits)
        settings.put("recgate.tlib.max-connections", "100000");
        settings.put("recgate.tlib.max-requests-per-second", "100000000");
        settings.put("recgate.tlib.max-request-burst", "100000000");
        settings.put("recgate.tlib.max-dns-per-client", "1000000");
        RecGate gate = RecGate.create(settings);
        gate.start();
        String brokers = externalBrokers.isBlank() ? "127.0.0.1:" + settings.get("recgate.kafka.embedded.port") : externalBrokers;
        // the benchmark's own clients connect as the gateway does (recgate.kafka.* security keys, docs/security.md)
        KafkaSecurity security = KafkaSecurity.from(key -> gate.context().getPropertiesComponent().resolveProperty(key).orElse(null));
        BenchGateway gateway = new BenchGateway(gate, tlibPort, brokers, security, indications);
        try {
            createTopics(brokers, security, List.of(indications, run + ".user-events", run + ".audit", run + ".call-events"));
        } catch (Exception e) {
            gateway.close();
            throw e;
        }
        return gateway;
    }

    /** The run's state topic (made compacted by the gateway at its start), as a restart reads it. */
    StateTopic stateTopic() {
        return new StateTopic(gate.context().getPropertiesComponent().resolveProperty("recgate.kafka.topic.state").orElseThrow(),
                brokers, kafkaSecurity);
    }

    /**
     * Creates the run's topics before any load, as a deployment would: a topic created
     * automatically by the first record under load has made the gateway's idempotent producer
     * fail (NOT_LEADER_OR_FOLLOWER, then OutOfOrderSequence until the delivery timeout), which is
     * not what the benchmark measures.
     */
    private static void createTopics(String brokers, KafkaSecurity security, List<String> topics) throws Exception {
        try (Admin admin = Admin.create(security.clientProperties(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers)))) {
            Set<String> existing = admin.listTopics().names().get(TOPIC_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream().filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, Optional.empty(), Optional.empty())).toList();
            try {
                admin.createTopics(missing).all().get(TOPIC_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    /** The benchmark's applications; its DNs need no entry (docs/protocol.md: any DN may be registered). */
    private static Path dnFile(Path workDir) throws IOException {
        Path file = workDir.resolve("bench-dns.yaml");
        Files.writeString(file, """
                # Written by the benchmark (org.recgate.bench.BenchGateway).
                applications:
                  %s:
                    roles: [switch]
                  %s:
                    roles: [desktop]
                  %s:
                    roles: [vendor]
                dns:
                  "9000": {type: Trunk}
                """.formatted(SWITCH, DESKTOP, VENDOR));
        return file;
    }

    @Override
    public void close() throws Exception {
        gate.stop();
    }
}
