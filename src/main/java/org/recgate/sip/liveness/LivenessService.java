package org.recgate.sip.liveness;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.recgate.sip.stack.SipUserAgent;
import org.recgate.support.Meters;

/**
 * Recorder liveness for one {@code sip-recorder} component, from its start to its stop: the
 * states, the keepalive timer (a thread of its own, so a busy worker never delays a keepalive into
 * a miss), the outcome of in-dialog requests, the meters and the {@code recorders} health check.
 */
public final class LivenessService {

    private final CamelContext context;
    private final RecorderLiveness liveness;
    private final RecorderKeepalive keepalive;
    private ScheduledExecutorService timer;
    private RecordersHealthCheck healthCheck;

    public LivenessService(CamelContext context, SipUserAgent userAgent, String transport, LivenessSettings settings,
                           Meters meters) {
        this.context = context;
        RecorderMeters recorderMeters = new RecorderMeters(meters);
        this.liveness = new RecorderLiveness(settings.failures(), transport, Clock.systemUTC(),
                recorderMeters::recorderSeen);
        this.keepalive = new RecorderKeepalive(userAgent, liveness, settings, recorderMeters);
        userAgent.observeInDialog(keepalive::inDialog);
    }

    public RecorderLiveness liveness() {
        return liveness;
    }

    /** Starts the keepalives and registers the health check (one {@code recorders} check per context). */
    public void start(Object owner) {
        timer = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(owner, "SipRecorderKeepalive");
        keepalive.start(timer);
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        // a second component (another transport) keeps its states out of the check rather than replace the first's
        if (health != null && health.getCheck(RecordersHealthCheck.ID).isEmpty()) {
            healthCheck = new RecordersHealthCheck(liveness);
            health.register(healthCheck);
        }
    }

    public void stop() {
        if (timer != null) {
            context.getExecutorServiceManager().shutdownNow(timer);
            timer = null;
        }
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (healthCheck != null && health != null) {
            health.unregister(healthCheck);
        }
        healthCheck = null;
    }
}
