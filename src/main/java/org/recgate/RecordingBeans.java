package org.recgate;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.recgate.call.CallEvents;
import org.recgate.call.CallRegistry;
import org.recgate.config.DnDirectory;
import org.recgate.gateway.call.KafkaCallFeed;
import org.recgate.gateway.call.StaleCalls;
import org.recgate.gateway.call.SwitchFeed;
import org.recgate.gateway.records.IndicationRecords;
import org.recgate.gateway.recording.CallChangeSteps;
import org.recgate.gateway.recording.CallQuery;
import org.recgate.gateway.recording.IndicationSteps;
import org.recgate.gateway.recording.RecorderEventSteps;
import org.recgate.gateway.recording.ShutdownSteps;
import org.recgate.gateway.recording.RecorderTaskSteps;
import org.recgate.gateway.recording.RecordingRequestSteps;
import org.recgate.gateway.recording.RouteCallSteps;
import org.recgate.recording.FileNameTemplate;
import org.recgate.recording.OperationCompletion;
import org.recgate.recording.RecorderPolicy;
import org.recgate.recording.RecordingEndings;
import org.recgate.recording.RecordingFactory;
import org.recgate.recording.RecordingMetrics;
import org.recgate.recording.RecordingRegistry;
import org.recgate.recording.RecordingRestore;
import org.recgate.recording.RecordingRetries;
import org.recgate.recording.RecordingRequests;
import org.recgate.recording.RoutingDecisions;
import org.recgate.session.SessionRegistry;
import org.recgate.sip.Dialect;
import org.recgate.sip.demo.DemoRecorder;
import org.recgate.sip.stack.SipTarget;
import org.recgate.support.Meters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls, recordings, routing decisions and the recorders, and the steps of the recording route files. */
final class RecordingBeans {

    private static final Logger LOG = LoggerFactory.getLogger(RecordingBeans.class);
    /** Ended recordings whose ids stay reserved (2003 on reuse). */
    private static final int REMEMBERED_RECORDING_IDS = 100_000;
    /** Ended recordings of a call that RequestQueryCall still shows (docs/protocol.md, RequestQueryCall). */
    private static final int ENDED_RECORDINGS_KEPT_PER_CALL = 8;
    /** Routing decisions kept for calls that have not reached their target (oldest dropped first). */
    private static final int WAITING_ROUTING_DECISIONS = 100_000;

    private RecordingBeans() {
    }

    /** Binds the recording beans; returns the call query, whose registries the REST API reads too. */
    static CallQuery bind(CamelContext context, GatewaySettings settings, Meters meters, SessionRegistry sessions,
                     DnDirectory directory, Clock clock) {
        Registry registry = context.getRegistry();
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
        RecordingRestore restore = new RecordingRestore(calls, recordings, clock);
        RecordingRetries retries = new RecordingRetries(calls, recordings, Boolean.parseBoolean(context
                .getPropertiesComponent().resolveProperty("recgate.recorder.retry-while-call").orElse("true").trim()),
                clock);
        RecordingEndings endings = new RecordingEndings(calls, recordings, factory, directory, decisions, restore,
                metrics::automaticRecordingFailed, retries);
        registry.bind("recordingRequests", new RecordingRequestSteps(sessions,
                new RecordingRequests(calls, recordings, factory), new OperationCompletion(recordings, calls)));
        registry.bind("callChanges", new CallChangeSteps(endings));
        registry.bind("recorderTasks", new RecorderTaskSteps(endings));
        registry.bind("recorderEvents", new RecorderEventSteps(endings));
        registry.bind("shutdownSteps", new ShutdownSteps(endings));
        registry.bind("indicationSteps", new IndicationSteps(recordings));
        registry.bind("indicationRecords", new IndicationRecords(recordings, clock));
        registry.bind("routeCallSteps", new RouteCallSteps(sessions, decisions, factory));
        StateBeans.bind(context, meters, calls, recordings, restore, clock);
        registry.bind("staleCalls", new StaleCalls(calls, StaleCalls.parse("recgate.calls.max-idle",
                context.getPropertiesComponent().resolveProperty("recgate.calls.max-idle").orElse("12h"))));
        CallQuery callQuery = new CallQuery(calls, recordings);
        registry.bind("callQuery", callQuery);
        return callQuery;
    }

    /** The sip-recorder component's transport: {@code recgate.sip.transport}, unless its own key is set. */
    static String sipTransport(CamelContext context, GatewaySettings settings) {
        return context.getPropertiesComponent().resolveProperty("camel.component.sip-recorder.transport")
                .map(String::trim).orElse(settings.sipTransport());
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
}
