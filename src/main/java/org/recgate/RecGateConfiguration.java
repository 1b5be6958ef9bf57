package org.recgate;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.io.InputStream;
import java.nio.file.Path;
import java.nio.file.Files;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.spi.Registry;
import org.recgate.call.CallFeed;
import org.recgate.call.CallRegistry;
import org.recgate.config.DnDirectory;
import org.recgate.config.DnFile;
import org.recgate.config.DnFileException;
import org.recgate.config.DnFileReloader;
import org.recgate.config.GatewaySettings;
import org.apache.camel.health.HealthCheckRegistry;
import org.recgate.kafka.AuditTrail;
import org.recgate.kafka.KafkaBrokerHealthCheck;
import org.recgate.kafka.KafkaCallEvents;
import org.recgate.kafka.KafkaSendFailures;
import org.recgate.kafka.RecordPublisher;
import org.recgate.kafka.UserEventRecords;
import org.recgate.ops.TlibMetrics;
import org.recgate.recording.FileNameTemplate;
import org.recgate.recording.RecorderEndpointGateway;
import org.recgate.recording.RecorderPolicy;
import org.recgate.recording.RecordingControl;
import org.recgate.recording.RecordingIndications;
import org.recgate.recording.RecordingQuery;
import org.recgate.recording.RecordingFactory;
import org.recgate.recording.RecordingRegistry;
import org.recgate.recording.RoutingControl;
import org.recgate.recording.RoutingDecisions;
import org.recgate.sip.Dialect;
import org.recgate.sip.demo.DemoRecorder;
import org.recgate.tlib.codec.TlibMessageDecoder;
import org.recgate.tlib.codec.TlibMessageEncoder;
import org.recgate.tlib.server.FlushConsolidationFactory;
import org.recgate.tlib.server.JsonLineFrameDecoderFactory;
import org.recgate.tlib.server.OutboundWriter;
import org.recgate.tlib.server.RegistrationService;
import org.recgate.tlib.server.ServerInfo;
import org.recgate.tlib.server.SessionRegistry;
import org.recgate.tlib.server.SessionTracker;
import org.recgate.tlib.server.TlibErrorReplies;
import org.recgate.tlib.server.TlibRequestGate;
import org.recgate.userevent.ScreenCaptureStates;
import org.recgate.userevent.ScreenRecorderMessages;
import org.recgate.userevent.UserEventRelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the gateway's objects and binds them under the names the route files use
 * ({@code #tlibFrameDecoder}, {@code tlibRequestGate}, ...).
 */
public final class RecGateConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(RecGateConfiguration.class);
    private static final String BUNDLED_DN_FILE = "dns.yaml";
    /** The producer endpoint recorder requests go to outside a route (teardown). */
    static final String RECORDER_ENDPOINT = "sip-recorder:session";
    /** Ended recordings whose ids stay reserved (2003 on reuse). */
    private static final int REMEMBERED_RECORDING_IDS = 100_000;
    /** Routing decisions kept for calls that have not reached their target (oldest dropped first). */
    private static final int WAITING_ROUTING_DECISIONS = 100_000;

    @Override
    public void configure(CamelContext context) {
        GatewaySettings settings = GatewaySettings.from(context.getPropertiesComponent());
        Registry registry = context.getRegistry();

        TlibMetrics metrics = new TlibMetrics(meterRegistry(registry));

        SessionRegistry sessions = new SessionRegistry();
        metrics.gauge("recgate.tlib.clients", "Connected T-Library clients", sessions, SessionRegistry::connectedClients);
        metrics.gauge("recgate.tlib.registrations", "DN registrations held by clients", sessions, SessionRegistry::registrations);
        OutboundWriter outbound = new OutboundWriter(sessions, metrics);
        DnDirectory directory = new DnDirectory(loadDnFile(settings));
        reloadDnFileWhenEdited(context, settings, directory, metrics);
        ServerInfo serverInfo = new ServerInfo(settings.serverName(), ServerInfo.implementationVersion(), ServerInfo.PROTOCOL_VERSION);

        registry.bind("tlibMetrics", metrics);
        registry.bind("tlibSessions", sessions);
        registry.bind("dnDirectory", directory);
        registry.bind("tlibFrameDecoder", new JsonLineFrameDecoderFactory(settings.tlibMaxLineBytes()));
        registry.bind("tlibMessageDecoder", new TlibMessageDecoder());
        registry.bind("tlibSessionTracker", new SessionTracker(sessions, settings.tlibMaxPendingBytes()));
        registry.bind("tlibMessageEncoder", new TlibMessageEncoder());
        registry.bind("tlibFlushConsolidation", new FlushConsolidationFactory());
        registry.bind("tlibOutbound", outbound);
        registry.bind("tlibRequestGate", new TlibRequestGate(sessions, metrics));
        registry.bind("tlibErrorReplies", new TlibErrorReplies(outbound, metrics));
        ScreenCaptureStates screenCaptureStates = new ScreenCaptureStates();
        registry.bind("tlibRegistrations", new RegistrationService(sessions, directory, serverInfo, screenCaptureStates));
        registry.bind("userEventRelay", new UserEventRelay(sessions, outbound, screenCaptureStates));

        Clock clock = Clock.systemUTC();
        registerKafkaHealthCheck(context);
        RecordPublisher publisher = new RecordPublisher(context, metrics);
        registry.bind("kafkaSendFailures", new KafkaSendFailures(metrics));
        registry.bind("auditTrail", new AuditTrail(publisher, settings.auditTopic(), clock));
        registry.bind("userEventRecords", new UserEventRecords(publisher, settings.userEventsTopic(), clock));
        registry.bind("screenRecorderMessages",
                new ScreenRecorderMessages(RecorderPolicy.list(settings.screenRecorderUris()), metrics));

        CallRegistry calls = new CallRegistry(clock);
        CallFeed callFeed = new CallFeed(calls);
        registry.bind("callFeed", callFeed);
        registry.bind("kafkaCallEvents", new KafkaCallEvents(callFeed, metrics));
        RecordingRegistry recordings = new RecordingRegistry(REMEMBERED_RECORDING_IDS);
        metrics.gauge("recgate.calls", "Calls known from the switch feed", calls, CallRegistry::size);
        metrics.gauge("recgate.recordings", "Recordings of the known calls", recordings, RecordingRegistry::size);
        RecordingFactory factory = new RecordingFactory(recordings, recorderPolicy(context, settings), directory,
                new FileNameTemplate(settings.fileNameTemplate(), hostName(), ZoneId.systemDefault()), clock);
        RoutingDecisions decisions = new RoutingDecisions(WAITING_ROUTING_DECISIONS);
        metrics.gauge("recgate.routing.decisions.waiting", "Routing decisions waiting for their call to reach the target",
                decisions, RoutingDecisions::waiting);
        RecordingControl control = new RecordingControl(sessions, calls, recordings, factory, directory, decisions,
                new RecorderEndpointGateway(context, RECORDER_ENDPOINT), cause -> metrics.automaticRecordingFailed(cause.wireName()));
        calls.addListener(control);
        registry.bind("routingControl", new RoutingControl(sessions, decisions, factory));
        RecordingIndications indications = new RecordingIndications(context, recordings, outbound, publisher,
                settings.indicationsTopic(), clock);
        registry.bind("recordingIndications", indications);
        control.addListener(indications);
        registry.bind("recordingControl", control);
        registry.bind("recordingQuery", new RecordingQuery(calls, recordings));
    }

    /** {@code kafka-brokers} in /observe/health; closed with the context. */
    private static void registerKafkaHealthCheck(CamelContext context) {
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health == null) {
            return; // health checks are off
        }
        KafkaBrokerHealthCheck check = new KafkaBrokerHealthCheck(
                context.getPropertiesComponent().resolveProperty("camel.component.kafka.brokers").orElseThrow());
        health.register(check);
        try {
            context.addService(check, true, false);
        } catch (Exception e) {
            throw new IllegalStateException("cannot add the Kafka health check", e);
        }
    }

    private static RecorderPolicy recorderPolicy(CamelContext context, GatewaySettings settings) {
        List<String> recorders = RecorderPolicy.list(settings.recorderUris());
        if (recorders.isEmpty()) {
            recorders = List.of(startDemoRecorder(context, settings).uri());
            LOG.info("No recorder configured (recgate.recorder.uri): recordings go to the demo recorder, {}", recorders.get(0));
        }
        return new RecorderPolicy(recorders, Dialect.parse(settings.recorderDialect()),
                RecorderPolicy.list(settings.recorderAllowedHosts()));
    }

    /**
     * The in-process demo recorder of the first run (docs/demo-recorder.md): it answers like a
     * recorder and writes what it was asked to record under {@code recgate.data-dir/recordings}.
     */
    private static DemoRecorder startDemoRecorder(CamelContext context, GatewaySettings settings) {
        DemoRecorder demo = new DemoRecorder(settings.sipHost(), settings.demoRecorderPort(), settings.sipTransport(),
                Path.of(settings.dataDir()).resolve("recordings"));
        try {
            context.addService(demo, true, true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the demo recorder", e);
        }
        return demo;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** The registry /observe/metrics serves: camel-micrometer-prometheus binds it first when metrics are on. */
    private static MeterRegistry meterRegistry(Registry registry) {
        MeterRegistry meters = registry.lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class);
        if (meters == null) {
            meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            registry.bind(MicrometerConstants.METRICS_REGISTRY_NAME, meters);
        }
        return meters;
    }

    /** The DN file in use (not the bundled one) is reloaded on edit and on SIGHUP (docs/operations.md). */
    private static void reloadDnFileWhenEdited(CamelContext context, GatewaySettings settings, DnDirectory directory,
                                               TlibMetrics metrics) {
        if (!Files.exists(settings.dnFilePath())) {
            return; // the bundled demo file: nothing to watch
        }
        try {
            context.addService(new DnFileReloader(context, settings.dnFilePath(), directory, settings.dnFileCheckMs(),
                    metrics::dnFileReload), true, true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot watch the DN file", e);
        }
    }

    private static DnFile loadDnFile(GatewaySettings settings) {
        if (Files.exists(settings.dnFilePath())) {
            LOG.info("DN file: {}", settings.dnFilePath().toAbsolutePath());
            return DnFile.load(settings.dnFilePath());
        }
        if (!GatewaySettings.DEFAULT_DN_FILE.equals(settings.dnFile())) {
            throw new DnFileException(settings.dnFile() + ": the DN file set in recgate.dn-file does not exist", null);
        }
        LOG.warn("No DN file at {}: using the bundled demo DN file (set recgate.dn-file for your own)", settings.dnFile());
        try (InputStream in = RecGateConfiguration.class.getClassLoader().getResourceAsStream(BUNDLED_DN_FILE)) {
            return DnFile.parse(in, "classpath:" + BUNDLED_DN_FILE);
        } catch (IOException e) {
            throw new DnFileException("cannot read the bundled " + BUNDLED_DN_FILE, e);
        }
    }
}
