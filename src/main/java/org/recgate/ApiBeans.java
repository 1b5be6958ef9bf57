package org.recgate;

import java.time.Clock;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.LifecycleStrategySupport;
import org.recgate.call.CallRegistry;
import org.recgate.config.DnDirectory;
import org.recgate.gateway.api.ApiCredentials;
import org.recgate.gateway.api.ApiErrors;
import org.recgate.gateway.api.ApiEvents;
import java.util.function.BooleanSupplier;
import org.recgate.gateway.api.ApiHttpHandlers;
import org.recgate.gateway.api.StandbyGuard;
import org.recgate.gateway.api.ApiQueries;
import org.recgate.gateway.api.ApiRequests;
import org.recgate.gateway.api.EventStreamHandler;
import org.recgate.recording.RecordingRegistry;
import org.recgate.session.LoginThrottle;
import org.recgate.session.SessionRegistry;
import org.recgate.support.Meters;
import org.recgate.userevent.ScreenCaptureStates;

/**
 * The steps of the REST API's routes (rest-api.camel.yaml, docs/api.md), and what the platform HTTP
 * server serves beside them: the event stream ({@code apiEvents}, fed by route steps), the console, and
 * a standby's 503 while {@code active} is false (a hot-standby pair).
 */
final class ApiBeans {

    private ApiBeans() {
    }

    static void bind(CamelContext context, SessionRegistry sessions, DnDirectory directory, LoginThrottle loginThrottle,
                     Meters meters, CallRegistry calls, RecordingRegistry recordings, ScreenCaptureStates screenCaptures,
                     Clock clock, BooleanSupplier active) {
        Registry registry = context.getRegistry();
        ApiCredentials credentials = ApiCredentials.counted(directory, loginThrottle, meters);
        registry.bind("apiCredentials", credentials);
        registry.bind("apiRequests", new ApiRequests(sessions, calls));
        registry.bind("apiQueries", new ApiQueries(calls, recordings, screenCaptures));
        registry.bind("apiErrors", new ApiErrors());
        ApiEvents events = new ApiEvents(clock);
        registry.bind("apiEvents", events);
        meters.gauge("recgate.api.event.streams", "Open GET /api/v1/events streams", events, ApiEvents::open);

        PropertiesComponent properties = context.getPropertiesComponent();
        ApiHttpHandlers handlers = new ApiHttpHandlers(
                new EventStreamHandler(credentials, events, GatewaySettings.positiveInt(properties, "recgate.api.events.max-pending-bytes")),
                events, GatewaySettings.positiveInt(properties, "recgate.api.events.keepalive-ms"), new StandbyGuard(active));
        try {
            context.addStartupListener(handlers);
        } catch (Exception e) {
            throw new IllegalStateException("cannot add the event stream and console to the HTTP server", e);
        }
        context.addLifecycleStrategy(LifecycleStrategySupport.adapt(handlers));
    }
}
