package org.recgate;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.spi.Registry;
import org.recgate.config.DnDirectory;
import org.recgate.gateway.ha.HaRole;
import org.recgate.gateway.recording.CallQuery;
import org.recgate.gateway.records.AuditRecords;
import org.recgate.gateway.records.UserEventRecords;
import org.recgate.gateway.userevent.ScreenRecorderSteps;
import org.recgate.gateway.userevent.UserEventSteps;
import org.recgate.recording.RecorderPolicy;
import org.recgate.session.OutboundWriter;
import org.recgate.session.LoginThrottle;
import org.recgate.session.ReloadRevocation;
import org.recgate.session.SessionRegistry;
import org.recgate.support.Meters;
import org.recgate.userevent.ScreenCaptureStates;
import org.recgate.userevent.UserEvents;

/**
 * Builds the gateway's objects and binds them under the names the route files use
 * ({@code #tlibFrameDecoder}, {@code bean: ref: recordingRequests}, ...), one area at a time:
 * the DN file ({@link DnFileBeans}), the T-Library listener ({@link TlibBeans}), Kafka
 * ({@link KafkaBeans}), calls and recordings ({@link RecordingBeans}), the REST API ({@link ApiBeans}), route-file reloads
 * ({@link RouteFileBeans}), the hot-standby pair ({@link HaBeans}). Nothing here sends anything: every hop is a step in a route file
 * (docs/architecture.md, "How the code is laid out").
 */
public final class RecGateConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        GatewaySettings settings = GatewaySettings.from(context.getPropertiesComponent());
        SecuritySettings security = SecuritySettings.from(context.getPropertiesComponent());
        Registry registry = context.getRegistry();
        Meters meters = new Meters(meterRegistry(registry));
        Clock clock = Clock.systemUTC();

        DnDirectory directory = DnFileBeans.bind(context, settings, security, meters);
        SessionRegistry sessions = new SessionRegistry();
        directory.onReplace(new ReloadRevocation(sessions)::apply);
        ScreenCaptureStates screenCaptureStates = new ScreenCaptureStates();
        // one throttle for T-Library logins and REST API credentials (docs/security.md, "Login throttling")
        LoginThrottle loginThrottle = security.loginThrottle(clock);
        OutboundWriter outbound = TlibBeans.bind(context, settings, sessions, meters, directory, screenCaptureStates,
                loginThrottle);

        KafkaBeans.bind(context, settings, meters);
        registry.bind("auditRecords", new AuditRecords(clock));
        registry.bind("userEventSteps", new UserEventSteps(sessions, outbound, screenCaptureStates, new UserEvents(clock)));
        registry.bind("userEventRecords", new UserEventRecords());
        registry.bind("screenRecorderSteps",
                new ScreenRecorderSteps(RecorderPolicy.list(settings.screenRecorderUris()), meters));

        CallQuery callQuery = RecordingBeans.bind(context, settings, meters, sessions, directory, clock);
        HaRole role = HaBeans.role(context.getPropertiesComponent());
        ApiBeans.bind(context, sessions, directory, loginThrottle, meters, callQuery.calls(), callQuery.recordings(),
                screenCaptureStates, clock, role::isActive);
        RouteFileBeans.bind(context, meters);
        HaBeans.bind(context, meters, role);
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
}
