package org.recgate;

import java.nio.file.Path;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.recgate.kafka.EmbeddedKafkaBroker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What must be decided before Camel main configures the context, from the settings as Camel
 * resolves them (system property, then environment variable, then application.properties): the
 * route files' folder, and the embedded Kafka broker of the default run, which must be listening
 * before the Kafka component connects (docs/architecture.md, "Defaults that make the first run work").
 */
final class StartupServices extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(StartupServices.class);
    static final String ROUTES_DIR = "recgate.routes-dir";
    static final String KAFKA_BROKERS = "recgate.kafka.brokers";

    private EmbeddedKafkaBroker embeddedKafka;

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        PropertiesComponent properties = main.getCamelContext().getPropertiesComponent();
        String routesDir = setting(properties, ROUTES_DIR);
        if (!routesDir.isEmpty()) {
            useRoutesDirectory(properties, Path.of(routesDir).toAbsolutePath().normalize());
        }
        if (setting(properties, KAFKA_BROKERS).isEmpty()) {
            // no brokers configured: the default run brings its own (camel.component.kafka.brokers reads this key)
            embeddedKafka = new EmbeddedKafkaBroker(Integer.parseInt(setting(properties, "recgate.kafka.embedded.port")),
                    Path.of(setting(properties, "recgate.data-dir"), "kafka"));
            try {
                embeddedKafka.start();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the embedded Kafka broker: " + e.getMessage(), e);
            }
            properties.addOverrideProperty(KAFKA_BROKERS, embeddedKafka.bootstrapServers());
            LOG.info("No Kafka brokers configured ({}): embedded broker at {}", KAFKA_BROKERS, embeddedKafka.bootstrapServers());
        }
    }

    @Override
    public void afterStop(BaseMainSupport main) {
        stopEmbeddedKafka();
    }

    /** Also when the start failed half-way: nothing of the embedded broker may outlive the gateway. */
    void stopEmbeddedKafka() {
        if (embeddedKafka != null) {
            embeddedKafka.close();
            embeddedKafka = null;
        }
    }

    /**
     * Route files from a folder instead of the jar, reloaded when edited. Only the edited file's
     * routes restart ({@code remove-all-routes=false}), so editing any file but the listener's keeps
     * clients connected.
     */
    private static void useRoutesDirectory(PropertiesComponent properties, Path dir) {
        properties.addOverrideProperty("camel.main.routes-include-pattern", "file:" + dir + "/*.camel.yaml");
        properties.addOverrideProperty("camel.main.routes-reload-enabled", "true");
        properties.addOverrideProperty("camel.main.routes-reload-directory", dir.toString());
        properties.addOverrideProperty("camel.main.routes-reload-pattern", "*.camel.yaml");
        properties.addOverrideProperty("camel.main.routes-reload-remove-all-routes", "false");
    }

    private static String setting(PropertiesComponent properties, String key) {
        return properties.resolveProperty(key).map(String::trim).orElse("");
    }
}
