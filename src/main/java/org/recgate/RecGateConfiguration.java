package org.recgate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.recgate.call.CallEvents;
import org.recgate.call.CallRegistry;
import org.recgate.config.CredentialPolicy;
import org.recgate.config.DnDirectory;
import org.recgate.config.DnFile;
import org.recgate.config.DnFileException;
import org.recgate.config.DnFileReloader;
import org.recgate.gateway.call.KafkaCallFeed;
import org.recgate.gateway.call.SwitchFeed;
import org.recgate.gateway.records.AuditRecords;
import org.recgate.gateway.records.IndicationRecords;
import org.recgate.gateway.records.UserEventRecords;
import org.recgate.gateway.recording.CallChangeSteps;
import org.recgate.gateway.recording.CallQuery;
import org.recgate.gateway.recording.IndicationSteps;
import org.recgate.gateway.recording.RecorderEventSteps;
import org.recgate.gateway.recording.RecorderTaskSteps;
import org.recgate.gateway.recording.RecordingRequestSteps;
import org.recgate.gateway.recording.RouteCallSteps;
import org.recgate.gateway.session.OutboundSteps;
import org.recgate.gateway.session.Registrations;
import org.recgate.gateway.session.ServerInfo;
import org.recgate.gateway.userevent.ScreenRecorderSteps;
import org.recgate.gateway.userevent.UserEventSteps;
import org.recgate.kafka.KafkaBrokerHealthCheck;
import org.recgate.kafka.KafkaMetrics;
import org.recgate.kafka.KafkaQueues;
import org.recgate.kafka.KafkaSecurity;
import org.recgate.kafka.PublishingQueue;
import org.recgate.kafka.KafkaSendFailures;
import org.recgate.recording.FileNameTemplate;
import org.recgate.routes.RouteFileReloader;
import org.recgate.routes.RouteFilesHealthCheck;
import org.recgate.recording.OperationCompletion;
import org.recgate.recording.RecorderPolicy;
import org.recgate.recording.RecordingEndings;
import org.recgate.recording.RecordingFactory;
import org.recgate.recording.RecordingMetrics;
import org.recgate.recording.RecordingRegistry;
import org.recgate.recording.RecordingRequests;
import org.recgate.recording.RoutingDecisions;
import org.recgate.session.LoginThrottle;
import org.recgate.session.DnLimit;
import org.recgate.session.LimitHits;
import org.recgate.session.OutboundWriter;
import org.recgate.session.ReloadRevocation;
import org.recgate.session.SessionRegistry;
import org.recgate.sip.Dialect;
import org.recgate.sip.demo.DemoRecorder;
import org.recgate.sip.stack.SipTarget;
import org.recgate.support.Meters;
import org.recgate.tlib.codec.TlibMessageDecoder;
import org.recgate.tlib.codec.TlibMessageEncoder;
import org.recgate.tlib.server.ConnectionLimit;
import org.recgate.tlib.server.FlushConsolidationFactory;
import org.recgate.tlib.server.JsonLineFrameDecoderFactory;
import org.recgate.tlib.server.RegisterDeadline;
import org.recgate.tlib.server.RequestRateLimit;
import org.recgate.tlib.server.SessionTracker;
import org.recgate.tlib.server.TlibErrorReplies;
import org.recgate.tlib.server.TlibMetrics;
import org.recgate.tlib.server.TlibReplies;
import org.recgate.tlib.server.TlibRequestGate;
import org.recgate.tlib.server.TlsHandlerFactory;
import org.recgate.userevent.ScreenCaptureStates;
import org.recgate.userevent.UserEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the gateway's objects and binds them under the names the route files use
 * ({@code #tlibFrameDecoder}, {@code bean: ref: recordingRequests}, ...). Nothing here sends
 * anything: every hop is a step in a route file (docs/architecture.md, "How the code is laid out").
 */
public final class RecGateConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(RecGateConfiguration.class);
    private static final String BUNDLED_DN_FILE = "dns.yaml";
    /** Ended recordings whose ids stay reserved (2003 on reuse). */
    private static final int REMEMBERED_RECORDING_IDS = 100_000;
    /** Ended recordings of a call that RequestQueryCall still shows (docs/protocol.md, RequestQueryCall). */
    private static final int ENDED_RECORDINGS_KEPT_PER_CALL = 8;
    /** Routing decisions kept for calls that have not reached their target (oldest dropped first). */
    private static final int WAITING_ROUTING_DECISIONS = 100_000;

    @Override
    public void configure(CamelContext context) {
        GatewaySettings settings = GatewaySettings.from(context.getPropertiesComponent());
        SecuritySettings security = SecuritySettings.from(context.getPropertiesComponent());
        Registry registry = context.getRegistry();
        Meters meters = new Meters(meterRegistry(registry));
        Clock clock = Clock.systemUTC();

        // secrets the listener's address does not allow stop the start (docs/security.md, "Credentials")
        CredentialPolicy credentials = security.credentialPolicy();
        String sipTransport = sipTransport(context, settings);
        // and so do DN recorders the SIP stack would not send to as written (docs/security.md, "Destinations")
        Consumer<DnFile> dnFileChecks = file -> {
            credentials.check(file);
            RecorderPolicy.checkDnFile(file, sipTransport);
        };
        DnFile dnFile = loadDnFile(settings);
        dnFileChecks.accept(dnFile);
        DnDirectory directory = new DnDirectory(dnFile);
        reloadDnFileWhenEdited(context, settings, directory, dnFileChecks, meters);
        registry.bind("dnDirectory", directory);

        SessionRegistry sessions = new SessionRegistry();
        directory.onReplace(new ReloadRevocation(sessions)::apply);
        ScreenCaptureStates screenCaptureStates = new ScreenCaptureStates();
        bindTlibListener(context, settings, sessions, meters, directory, screenCaptureStates,
                security.loginThrottle(clock));
        OutboundWriter outbound = new OutboundWriter(sessions);
        registry.bind("tlibOutbound", new OutboundSteps(outbound));

        bindKafka(context, registry, settings, meters);
        registry.bind("auditRecords", new AuditRecords(clock));
        registry.bind("userEventSteps", new UserEventSteps(sessions, outbound, screenCaptureStates, new UserEvents(clock)));
        registry.bind("userEventRecords", new UserEventRecords());
        registry.bind("screenRecorderSteps",
                new ScreenRecorderSteps(RecorderPolicy.list(settings.screenRecorderUris()), meters));

        bindRecording(context, registry, settings, meters, sessions, directory, clock);
        reloadRouteFilesWhenEdited(context, meters);
    }

    /**
     * With {@code recgate.routes-dir}, edited route files are tried before they replace the running
     * routes (docs/operations.md, "Editing route files"); the counters exist either way, at zero.
     */
    private static void reloadRouteFilesWhenEdited(CamelContext context, Meters meters) {
        String help = "Route file reloads, by outcome (rejected: the file's previous routes keep running)";
        Counter applied = meters.counter("recgate.route.reloads", help, "outcome", "applied");
        Counter rejected = meters.counter("recgate.route.reloads", help, "outcome", "rejected");
        String dir = GatewaySettings.optional(context.getPropertiesComponent(), StartupServices.ROUTES_DIR);
        if (dir.isEmpty()) {
            return;
        }
        Path folder = Path.of(dir).toAbsolutePath().normalize();
        RouteFilesHealthCheck health = new RouteFilesHealthCheck(folder.toString());
        HealthCheckRegistry checks = HealthCheckRegistry.get(context);
        if (checks != null) {
            checks.register(health);
        }
        try {
            context.addService(new RouteFileReloader(folder, GatewayBeans.NAMES, health, applied, rejected), true, true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot watch the route files of " + folder, e);
        }
    }

    /** The listener's Netty handlers and the steps of tlib-dispatch / tlib-errors. */
    private static void bindTlibListener(CamelContext context, GatewaySettings settings, SessionRegistry sessions,
                                         Meters meters, DnDirectory directory, ScreenCaptureStates screenCaptureStates,
                                         LoginThrottle loginThrottle) {
        Registry registry = context.getRegistry();
        TlibListenerSettings listener = TlibListenerSettings.from(context.getPropertiesComponent());
        TlibMetrics metrics = new TlibMetrics(meters, sessions);
        LimitHits limitHits = new LimitHits(meters);
        RequestRateLimit requestRate = new RequestRateLimit(listener.maxRequestsPerSecond(), listener.maxRequestBurst(),
                limitHits);
        registry.bind("tlibSessions", sessions);
        registry.bind("tlibTls", TlsHandlerFactory.create(listener.tls(), context));
        LOG.info("T-Library listener: {}", listener.tls());
        registry.bind("tlibFrameDecoder", new JsonLineFrameDecoderFactory(settings.tlibMaxLineBytes()));
        registry.bind("tlibMessageDecoder", new TlibMessageDecoder());
        registry.bind("tlibSessionTracker", new SessionTracker(sessions, settings.tlibMaxPendingBytes(), metrics,
                new ConnectionLimit(listener.maxConnections(), limitHits),
                new RegisterDeadline(listener.registerTimeoutMs(), limitHits), requestRate));
        registry.bind("tlibMessageEncoder", new TlibMessageEncoder());
        registry.bind("tlibFlushConsolidation", new FlushConsolidationFactory());
        registry.bind("tlibRequestGate", new TlibRequestGate(sessions, metrics, requestRate));
        registry.bind("tlibReplies", new TlibReplies(metrics));
        registry.bind("tlibErrorReplies", new TlibErrorReplies(metrics));
        ServerInfo serverInfo = new ServerInfo(settings.serverName(), ServerInfo.implementationVersion(),
                ServerInfo.PROTOCOL_VERSION);
        registry.bind("registrations", new Registrations(sessions, directory, serverInfo, screenCaptureStates,
                loginThrottle, new DnLimit(listener.maxDnsPerClient(), listener.maxDnsByRole(), limitHits), meters));
    }

    /** The publishing queues' steps (kafka-publish.camel.yaml) and the broker health check. */
    private static void bindKafka(CamelContext context, Registry registry, GatewaySettings settings, Meters meters) {
        registerKafkaHealthCheck(context);
        // the seda component's queues (camel.component.seda.default-queue-factory), bounded by bytes too
        registry.bind("kafkaQueueFactory", new PublishingQueue.Factory(settings.kafkaQueueMaxBytes()));
        KafkaMetrics kafka = new KafkaMetrics(meters,
                List.of(settings.auditTopic(), settings.userEventsTopic(), settings.indicationsTopic()),
                topic -> publishingQueue(context, topic).map(SedaEndpoint::getCurrentQueueSize).orElse(0),
                topic -> publishingQueue(context, topic).map(SedaEndpoint::getQueue)
                        .map(queue -> queue instanceof PublishingQueue bounded ? bounded.bytes() : 0L).orElse(0L));
        registry.bind("kafkaQueues", new KafkaQueues(kafka));
        registry.bind("kafkaSendFailures", new KafkaSendFailures(kafka));
    }

    /** {@code seda:<topic>}, the topic's publishing queue; empty before its route starts. */
    private static Optional<SedaEndpoint> publishingQueue(CamelContext context, String topic) {
        for (Endpoint endpoint : context.getEndpoints()) {
            if (endpoint instanceof SedaEndpoint seda && topic.equals(seda.getEndpointBaseUri().replaceFirst("^seda:(//)?", ""))) {
                return Optional.of(seda);
            }
        }
        return Optional.empty();
    }

    /** Calls, recordings and routing decisions, and the steps of the recording route files. */
    private static void bindRecording(CamelContext context, Registry registry, GatewaySettings settings, Meters meters,
                                      SessionRegistry sessions, DnDirectory directory, Clock clock) {
        CallRegistry calls = new CallRegistry(clock);
        CallEvents callEvents = new CallEvents(calls);
        registry.bind("switchFeed", new SwitchFeed(callEvents));
        registry.bind("kafkaCallFeed", new KafkaCallFeed(callEvents, meters));
        RecordingRegistry recordings = new RecordingRegistry(REMEMBERED_RECORDING_IDS,
                new RecordingRegistry.Limits(settings.recordingMaxPerCall(), ENDED_RECORDINGS_KEPT_PER_CALL),
                RecordingMetrics.limitHits(meters)::increment);
        RoutingDecisions decisions = new RoutingDecisions(WAITING_ROUTING_DECISIONS);
        RecordingMetrics metrics = new RecordingMetrics(meters, calls, recordings, decisions);
        RecordingFactory factory = new RecordingFactory(recordings, recorderPolicy(context, settings), directory,
                new FileNameTemplate(settings.fileNameTemplate(), hostName(), ZoneId.systemDefault()), clock);
        RecordingEndings endings = new RecordingEndings(calls, recordings, factory, directory, decisions,
                metrics::automaticRecordingFailed);
        registry.bind("recordingRequests", new RecordingRequestSteps(sessions,
                new RecordingRequests(calls, recordings, factory), new OperationCompletion(recordings, calls)));
        registry.bind("callChanges", new CallChangeSteps(endings));
        registry.bind("recorderTasks", new RecorderTaskSteps(endings));
        registry.bind("recorderEvents", new RecorderEventSteps(endings));
        registry.bind("indicationSteps", new IndicationSteps(recordings));
        registry.bind("indicationRecords", new IndicationRecords(recordings, clock));
        registry.bind("routeCallSteps", new RouteCallSteps(sessions, decisions, factory));
        registry.bind("callQuery", new CallQuery(calls, recordings));
    }

    /** {@code kafka-brokers} in /observe/health; closed with the context. */
    private static void registerKafkaHealthCheck(CamelContext context) {
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health == null) {
            return; // health checks are off
        }
        PropertiesComponent properties = context.getPropertiesComponent();
        KafkaBrokerHealthCheck check = new KafkaBrokerHealthCheck(
                properties.resolveProperty("camel.component.kafka.brokers").orElseThrow(),
                KafkaSecurity.from(key -> properties.resolveProperty(key).orElse(null)));
        health.register(check);
        try {
            context.addService(check, true, false);
        } catch (Exception e) {
            throw new IllegalStateException("cannot add the Kafka health check", e);
        }
    }

    private static RecorderPolicy recorderPolicy(CamelContext context, GatewaySettings settings) {
        String sipTransport = sipTransport(context, settings);
        List<String> recorders = RecorderPolicy.list(settings.recorderUris());
        if (recorders.isEmpty()) {
            if (SipTarget.TLS.equalsIgnoreCase(sipTransport)) {
                throw new IllegalArgumentException("recgate.sip.transport=tls needs recgate.recorder.uri: the demo recorder"
                        + " speaks SIP over udp and tcp only (docs/security.md, SIP side)");
            }
            recorders = List.of(startDemoRecorder(context, settings).uri());
            LOG.info("No recorder configured (recgate.recorder.uri): recordings go to the demo recorder, {}", recorders.get(0));
        }
        return new RecorderPolicy(recorders, Dialect.parse(settings.recorderDialect()),
                RecorderPolicy.list(settings.recorderAllowedHosts()), sipTransport);
    }

    /** The sip-recorder component's transport: {@code recgate.sip.transport}, unless its own key is set. */
    private static String sipTransport(CamelContext context, GatewaySettings settings) {
        return context.getPropertiesComponent().resolveProperty("camel.component.sip-recorder.transport")
                .map(String::trim).orElse(settings.sipTransport());
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
                                               Consumer<DnFile> checks, Meters meters) {
        if (!Files.exists(settings.dnFilePath())) {
            return; // the bundled demo file: nothing to watch
        }
        String help = "DN file reloads, by outcome (rejected: the previous file stays in force)";
        Counter applied = meters.counter("recgate.dn.file.reloads", help, "outcome", "applied");
        Counter rejected = meters.counter("recgate.dn.file.reloads", help, "outcome", "rejected");
        try {
            context.addService(new DnFileReloader(context, settings.dnFilePath(), directory, settings.dnFileCheckMs(),
                    checks, ok -> (ok ? applied : rejected).increment()), true, true);
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
        LOG.info("No DN file at {}: using the bundled demo DN file (set recgate.dn-file for your own)", settings.dnFile());
        try (InputStream in = RecGateConfiguration.class.getClassLoader().getResourceAsStream(BUNDLED_DN_FILE)) {
            return DnFile.parse(in, "classpath:" + BUNDLED_DN_FILE);
        } catch (IOException e) {
            throw new DnFileException("cannot read the bundled " + BUNDLED_DN_FILE, e);
        }
    }
}
