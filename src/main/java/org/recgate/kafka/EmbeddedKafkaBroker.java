package org.recgate.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker in this JVM (KRaft, combined broker and controller), for the
 * default run when no brokers are configured: the README's first command needs nothing installed.
 * Its log lives under a folder of its own and survives restarts.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final String CONTROLLER = "CONTROLLER";

    private final int port;
    private final Path dataDir;
    private int controllerPort; // chosen at the first start, kept for restarts
    private KafkaRaftServer server;

    public EmbeddedKafkaBroker(int port, Path dataDir) {
        this.port = port;
        this.dataDir = dataDir;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /**
     * Formats the log folder on first use, starts the broker and waits until it answers. After
     * {@link #close()} it can be started again, with the records it had.
     */
    public void start() throws Exception {
        long started = System.nanoTime();
        Files.createDirectories(dataDir);
        if (controllerPort == 0) {
            controllerPort = freePort();
        }
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + "," + CONTROLLER + "://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", CONTROLLER);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", dataDir.toAbsolutePath().toString());
        props.put("num.partitions", "3");
        for (String topic : List.of("offsets.topic", "transaction.state.log", "share.coordinator.state.topic")) {
            props.put(topic + ".replication.factor", "1");
        }
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        KafkaConfig config = KafkaConfig.fromProps(props, false);
        if (!Files.exists(dataDir.resolve("meta.properties"))) {
            format(); // once: a restart keeps the folder, its cluster id and its records
        }
        server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        awaitReady();
        LOG.info("Embedded Kafka broker ready on {} in {} ms (data: {})", bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), dataDir.toAbsolutePath());
    }

    private void format() throws Exception {
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setClusterId(Uuid.randomUuid().toString())
                .setNodeId(1)
                .setDirectories(List.of(dataDir.toAbsolutePath().toString()))
                .setMetadataLogDirectory(dataDir.toAbsolutePath().toString())
                .setControllerListenerName(CONTROLLER)
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .run();
    }

    /**
     * Creates the topics that do not exist yet (3 partitions, as auto-created ones get), so the
     * first run's consumers and producers find them instead of warning that they are unknown.
     */
    public void createTopics(java.util.Collection<String> topics) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            java.util.Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            java.util.List<org.apache.kafka.clients.admin.NewTopic> missing = topics.stream().distinct()
                    .filter(topic -> !existing.contains(topic))
                    .map(topic -> new org.apache.kafka.clients.admin.NewTopic(topic, 3, (short) 1)).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private void awaitReady() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
            LOG.info("Embedded Kafka broker stopped");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
