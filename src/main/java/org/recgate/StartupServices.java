package org.recgate;

import java.nio.file.Path;
import java.util.List;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.recgate.config.CredentialPolicy;
import org.recgate.gateway.ha.Takeover;
import org.recgate.gateway.recording.StateRestore;
import org.recgate.kafka.EmbeddedKafkaBroker;
import org.recgate.kafka.KafkaSecurity;
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
    static final String CALL_FEED_KAFKA = "recgate.call-feed.kafka.enabled";

    private static final List<String> TOPIC_KEYS = List.of("recgate.kafka.topic.indications",
            "recgate.kafka.topic.user-events", "recgate.kafka.topic.audit", "recgate.kafka.topic.call-events");

    private EmbeddedKafkaBroker embeddedKafka;
    private PidFile pidFile;
    private KafkaSecurity kafkaSecurity = KafkaSecurity.PLAINTEXT;
    private Takeover takeover;

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        PropertiesComponent properties = main.getCamelContext().getPropertiesComponent();
        checkApiExposure(properties);
        checkPorts(properties);
        kafkaSecurity = kafkaSecurity(properties);
        if (!embedded(properties)) {
            LOG.info("Kafka brokers {}, clients connect with {}", setting(properties, KAFKA_BROKERS), kafkaSecurity);
        }
        decideKafkaCallFeed(properties);
        if (HaBeans.enabled(properties)) {
            HaBeans.configureStandby(properties, embedded(properties));
        }
        HaBeans.decideAutoStartup(properties);
        String routesDir = setting(properties, ROUTES_DIR);
        if (!routesDir.isEmpty()) {
            useRoutesDirectory(properties, Path.of(routesDir).toAbsolutePath().normalize());
        }
        if (embedded(properties)) {
            // no brokers configured: the default run brings its own (camel.component.kafka.brokers reads this key)
            embeddedKafka = new EmbeddedKafkaBroker(Integer.parseInt(setting(properties, "recgate.kafka.embedded.port")),
                    Path.of(setting(properties, "recgate.data-dir"), "kafka"));
            try {
                embeddedKafka.start();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the embedded Kafka broker: " + e.getMessage(), e);
            }
            createTopics(properties);
            properties.addOverrideProperty(KAFKA_BROKERS, embeddedKafka.bootstrapServers());
            LOG.info("No Kafka brokers configured ({}): embedded broker at {}", KAFKA_BROKERS, embeddedKafka.bootstrapServers());
        }
    }

    /**
     * Before any route starts, so before the T-Library listener opens: the calls and recordings the
     * state topic kept are known again (docs/durable-state.md §12); the route state-restore then
     * re-asserts their recorder dialogs.
     */
    @Override
    public void beforeStart(BaseMainSupport main) {
        PropertiesComponent properties = main.getCamelContext().getPropertiesComponent();
        if (HaBeans.enabled(properties)) {
            // a standby restores nothing now: the takeover does, when the group makes it active
            takeover = main.getCamelContext().getRegistry().lookupByNameAndType("haTakeover", Takeover.class);
            try {
                takeover.prepare();
            } catch (java.io.IOException e) {
                throw new StartupException(e.getMessage() + " (docs/operations.md, \"High availability (hot-standby pair)\")");
            }
            return;
        }
        if (!Boolean.parseBoolean(setting(properties, "recgate.state.enabled"))) {
            return;
        }
        StateRestore restore = main.getCamelContext().getRegistry().lookupByNameAndType("stateRestore", StateRestore.class);
        try {
            restore.load();
        } catch (java.io.IOException e) {
            throw new StartupException(e.getMessage() + " (docs/durable-state.md §12; recgate.state.enabled=false starts"
                    + " without the state topic, forgetting every call)");
        }
    }

    /** One line once everything listens: where to connect, and what the gateway talks to; the PID file. */
    @Override
    public void afterStart(BaseMainSupport main) {
        PropertiesComponent properties = main.getCamelContext().getPropertiesComponent();
        pidFile = PidFile.write(Path.of(setting(properties, "recgate.data-dir")));
        String recorders = setting(properties, "recgate.recorder.uri");
        LOG.info("RecGate ready: T-Library {}:{}, REST API {}, SIP {}:{}:{}, management {}:{}, Kafka {}, recorder {}; PID {} in {}",
                setting(properties, "recgate.tlib.host"), setting(properties, "recgate.tlib.port"),
                apiEnabled(properties) ? setting(properties, "recgate.api.host") + ":" + setting(properties, "recgate.api.port") : "off",
                setting(properties, "recgate.sip.transport"), setting(properties, "recgate.sip.host"),
                setting(properties, "recgate.sip.port"),
                setting(properties, "camel.management.host"), setting(properties, "camel.management.port"),
                embeddedKafka != null ? "embedded at " + embeddedKafka.bootstrapServers()
                        : setting(properties, KAFKA_BROKERS) + " " + kafkaSecurity,
                recorders.isEmpty() ? "demo at sip:" + setting(properties, "recgate.sip.host") + ":"
                        + setting(properties, "recgate.demo-recorder.port") : recorders,
                ProcessHandle.current().pid(), pidFile.path());
        if (takeover != null) {
            takeover.join(); // up as a standby; active once the group assigns it the leadership
        }
    }

    private static boolean embedded(PropertiesComponent properties) {
        return setting(properties, KAFKA_BROKERS).isEmpty();
    }

    /**
     * The Kafka clients' security settings, checked before any client is made; the embedded broker
     * speaks PLAINTEXT only (docs/security.md, Kafka).
     */
    private static KafkaSecurity kafkaSecurity(PropertiesComponent properties) {
        KafkaSecurity security;
        try {
            security = KafkaSecurity.from(key -> setting(properties, key));
        } catch (IllegalArgumentException e) {
            throw new StartupException(e.getMessage());
        }
        if (embedded(properties) && !security.plaintext()) {
            throw new StartupException(KafkaSecurity.PROTOCOL + "=" + security.protocol() + " but " + KAFKA_BROKERS
                    + " is empty: the embedded broker speaks PLAINTEXT only; set " + KAFKA_BROKERS + " to your brokers");
        }
        return security;
    }

    /**
     * {@value #CALL_FEED_KAFKA}: empty means on with configured brokers and off with the embedded
     * one, which every local process may write to (docs/security.md, Kafka). The route
     * {@code call-events} starts as this key says ({@code autoStartup}).
     */
    private static void decideKafkaCallFeed(PropertiesComponent properties) {
        String value = setting(properties, CALL_FEED_KAFKA).toLowerCase(java.util.Locale.ROOT);
        boolean embedded = embedded(properties);
        boolean enabled = switch (value) {
            case "" -> !embedded;
            case "true" -> true;
            case "false" -> false;
            default -> throw new StartupException(CALL_FEED_KAFKA + " is '" + value
                    + "': use true, false, or leave it empty (on with recgate.kafka.brokers set, off with the embedded broker)");
        };
        properties.addOverrideProperty(CALL_FEED_KAFKA, Boolean.toString(enabled));
        if (embedded && enabled) {
            LOG.warn("{}=true with the embedded broker: any local process that reaches it can write {} and act as the switch",
                    CALL_FEED_KAFKA, setting(properties, "recgate.kafka.topic.call-events"));
        } else if (embedded) {
            LOG.info("Kafka call feed off with the embedded broker ({} empty): call events come from T-Library clients"
                    + " with the switch role; set {}=true to take them from {} too", KAFKA_BROKERS, CALL_FEED_KAFKA,
                    setting(properties, "recgate.kafka.topic.call-events"));
        } else if (!enabled) {
            LOG.info("Kafka call feed off ({}=false)", CALL_FEED_KAFKA);
        }
    }

    private static void checkPorts(PropertiesComponent properties) {
        PortCheck ports = new PortCheck(properties);
        ports.tcp("recgate.tlib.host", "recgate.tlib.port");
        if (!"false".equals(setting(properties, "camel.management.enabled"))) {
            ports.tcp("camel.management.host", "camel.management.port");
        }
        if (apiEnabled(properties)) {
            ports.tcp("recgate.api.host", "recgate.api.port");
        }
        String transport = setting(properties, "recgate.sip.transport");
        ports.sip("recgate.sip.host", "recgate.sip.port", transport);
        if (setting(properties, "recgate.recorder.uri").isEmpty()) {
            ports.sip("recgate.sip.host", "recgate.demo-recorder.port", transport);
        }
        if (embedded(properties)) {
            ports.tcpOn("127.0.0.1", "recgate.kafka.embedded.port");
        }
    }

    private static boolean apiEnabled(PropertiesComponent properties) {
        return !"false".equalsIgnoreCase(setting(properties, "recgate.api.enabled"));
    }

    /**
     * HTTP Basic sends the password with every request: beyond loopback only over TLS (RFC 7617 §4;
     * docs/security.md, REST API). A non-loopback API host without TLS on the server stops the start.
     */
    private static void checkApiExposure(PropertiesComponent properties) {
        String host = setting(properties, "recgate.api.host");
        if (apiEnabled(properties) && !CredentialPolicy.isLoopbackOnly(host)
                && !"true".equalsIgnoreCase(setting(properties, "camel.server.use-global-ssl-context-parameters"))) {
            throw new StartupException("recgate.api.host=" + host + " is not loopback-only, but the REST API has no TLS:"
                    + " HTTP Basic would send passwords in clear; set camel.server.use-global-ssl-context-parameters=true"
                    + " with camel.ssl.* (docs/security.md, REST API), or keep recgate.api.host=127.0.0.1");
        }
    }

    /** The gateway's topics, made up front on the embedded broker (docs/kafka.md, Topics). */
    private void createTopics(PropertiesComponent properties) {
        List<String> topics = TOPIC_KEYS.stream().map(key -> setting(properties, key)).filter(t -> !t.isEmpty()).toList();
        try {
            embeddedKafka.createTopics(topics);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the topics " + topics + " on the embedded broker", e);
        }
    }

    /**
     * With {@code recgate.shutdown.end-recordings=true}, before any route stops: every recording ends
     * through the route shutdown-recordings (BYE, Off indications with cause shutdown); the
     * lifecycle's one send from Java, as nothing in a route can run "before the stop".
     */
    @Override
    public void beforeStop(BaseMainSupport main) {
        org.apache.camel.CamelContext context = main.getCamelContext();
        if (context == null) {
            return;
        }
        if (Boolean.parseBoolean(setting(context.getPropertiesComponent(), "recgate.shutdown.end-recordings"))) {
            try (org.apache.camel.FluentProducerTemplate template = context.createFluentProducerTemplate()) {
                template.to("direct:shutdown-recordings").send();
                LOG.info("Shutdown: every recording ended (recgate.shutdown.end-recordings=true)");
            } catch (Exception e) {
                LOG.error("Shutdown: the recordings could not all be ended: {}", e.getMessage());
            }
        }
        if (takeover != null) {
            // a planned switchover: out of the group as soon as the state is written, not after every
            // route stopped, so the standby takes over while this instance is still stopping
            takeover.handOver();
        }
    }

    @Override
    public void afterStop(BaseMainSupport main) {
        release();
    }

    /** Also when the start failed half-way: neither the PID file nor the embedded broker may outlive the gateway. */
    void release() {
        if (takeover != null) {
            takeover.close(); // left already at a stop (handOver); here for a start that failed half-way
            takeover = null;
        }
        if (pidFile != null) {
            pidFile.remove();
            pidFile = null;
        }
        if (embeddedKafka != null) {
            embeddedKafka.close();
            embeddedKafka = null;
        }
    }

    /**
     * Route files from a folder instead of the jar. They are reloaded when edited by the gateway's
     * own reloader (org.recgate.routes.RouteFileReloader, bound in RecGateConfiguration), not Camel's:
     * Camel's removes a file's routes before it knows the new ones can be made.
     */
    private static void useRoutesDirectory(PropertiesComponent properties, Path dir) {
        properties.addOverrideProperty("camel.main.routes-include-pattern", "file:" + dir + "/*.camel.yaml");
    }

    private static String setting(PropertiesComponent properties, String key) {
        return properties.resolveProperty(key).map(String::trim).orElse("");
    }
}
