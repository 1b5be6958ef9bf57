package org.recgate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.recgate.kafka.EmbeddedKafkaBroker;

/**
 * The gateway: Camel main with the route files, {@link RecGateConfiguration}'s beans, and the
 * settings resolved as documented (application.properties, overridden by {@code -D} system
 * properties and environment variables). {@link RecGateMain} runs it; tests start and stop it.
 */
public final class RecGate {

    static final String ROUTES_DIR = "recgate.routes-dir";
    static final String KAFKA_BROKERS = "recgate.kafka.brokers";

    private final Main main;
    private final EmbeddedKafkaBroker embeddedKafka;

    private RecGate(Main main, EmbeddedKafkaBroker embeddedKafka) {
        this.main = main;
        this.embeddedKafka = embeddedKafka;
    }

    /** A gateway whose settings are the documented ones, with {@code overrides} on top (tests). */
    public static RecGate create(Map<String, String> overrides) {
        Main main = new Main();
        main.configure().addConfiguration(new RecGateConfiguration());
        overrides.forEach(main::addOverrideProperty);
        String routesDir = startupSetting(ROUTES_DIR, overrides);
        if (routesDir != null && !routesDir.isBlank()) {
            useRoutesDirectory(main, Path.of(routesDir).toAbsolutePath().normalize());
        }
        // Camel 4.18 ignores CAMEL_MANAGEMENT_PORT (docs/stack.md §1); it and CAMEL_MANAGEMENT_HOST are honoured as documented.
        for (String key : new String[] {"camel.management.port", "camel.management.host"}) {
            String fromEnvironment = System.getenv(key.toUpperCase(java.util.Locale.ROOT).replace('.', '_'));
            if (fromEnvironment != null && System.getProperty(key) == null && !overrides.containsKey(key)) {
                main.addOverrideProperty(key, fromEnvironment);
            }
        }
        EmbeddedKafkaBroker embeddedKafka = embeddedKafkaUnlessConfigured(overrides);
        String brokers = embeddedKafka != null ? embeddedKafka.bootstrapServers() : startupSetting(KAFKA_BROKERS, overrides);
        main.addOverrideProperty("camel.component.kafka.brokers", brokers.trim());
        return new RecGate(main, embeddedKafka);
    }

    /** No brokers configured: the default run brings its own broker (docs/architecture.md, "Defaults that make the first run work"). */
    private static EmbeddedKafkaBroker embeddedKafkaUnlessConfigured(Map<String, String> overrides) {
        String brokers = startupSetting(KAFKA_BROKERS, overrides);
        if (brokers != null && !brokers.isBlank()) {
            return null;
        }
        int port = Integer.parseInt(startupSetting("recgate.kafka.embedded.port", overrides).trim());
        Path dataDir = Path.of(startupSetting("recgate.data-dir", overrides).trim(), "kafka");
        return new EmbeddedKafkaBroker(port, dataDir);
    }

    /**
     * Route files from a folder instead of the jar, reloaded when edited. Only the edited file's
     * routes restart ({@code remove-all-routes=false}), so editing any file but the listener's keeps
     * clients connected.
     */
    private static void useRoutesDirectory(Main main, Path dir) {
        main.addOverrideProperty("camel.main.routes-include-pattern", "file:" + dir + "/*.camel.yaml");
        main.addOverrideProperty("camel.main.routes-reload-enabled", "true");
        main.addOverrideProperty("camel.main.routes-reload-directory", dir.toString());
        main.addOverrideProperty("camel.main.routes-reload-pattern", "*.camel.yaml");
        main.addOverrideProperty("camel.main.routes-reload-remove-all-routes", "false");
    }

    /**
     * A setting needed before Camel starts: overrides, then system property, then environment variable
     * (upper case, dots and dashes as underscores), then application.properties.
     */
    static String startupSetting(String key, Map<String, String> overrides) {
        if (overrides.containsKey(key)) {
            return overrides.get(key);
        }
        String value = System.getProperty(key);
        if (value == null) {
            value = System.getenv(key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'));
        }
        return value != null ? value : bundledProperties().getProperty(key);
    }

    private static Properties bundledProperties() {
        Properties properties = new Properties();
        try (InputStream in = RecGate.class.getClassLoader().getResourceAsStream("application.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read application.properties", e);
        }
        return properties;
    }

    /** Runs until the JVM is asked to stop (SIGTERM, Ctrl-C), then shuts down gracefully. */
    public void run(String[] args) throws Exception {
        startEmbeddedKafka();
        try {
            main.run(args);
        } finally {
            stopEmbeddedKafka();
        }
    }

    public void start() throws Exception {
        startEmbeddedKafka();
        try {
            main.start();
        } catch (Exception | Error e) {
            stopEmbeddedKafka();
            throw e;
        }
    }

    public void stop() throws Exception {
        try {
            main.stop();
        } finally {
            stopEmbeddedKafka();
        }
    }

    private void startEmbeddedKafka() throws Exception {
        if (embeddedKafka != null) {
            embeddedKafka.start();
        }
    }

    private void stopEmbeddedKafka() {
        if (embeddedKafka != null) {
            embeddedKafka.close();
        }
    }

    public CamelContext context() {
        return main.getCamelContext();
    }
}
