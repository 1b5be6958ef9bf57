package org.recgate.gateway.api;

import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.spi.OnCamelContextStopping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the REST DSL cannot serve, added to the platform HTTP server's Vert.x router once the context
 * has started (the router exists then): the event stream {@code GET /api/v1/events} with its
 * keep-alive timer, the supervisor console's files under {@code /console/}, and in front of all of
 * {@code /api/} the standby's refusal ({@link StandbyGuard}). With the API turned
 * off ({@code recgate.api.enabled=false}) there is no router and nothing is added.
 */
public final class ApiHttpHandlers implements StartupListener, OnCamelContextStopping {

    public static final String EVENTS_PATH = "/api/v1/events";
    private static final Logger LOG = LoggerFactory.getLogger(ApiHttpHandlers.class);

    private final EventStreamHandler streams;
    private final ApiEvents events;
    private final long keepAliveMillis;
    private final StandbyGuard standbyGuard;
    private VertxPlatformHttpRouter router;
    private long timer = -1;

    public ApiHttpHandlers(EventStreamHandler streams, ApiEvents events, long keepAliveMillis, StandbyGuard standbyGuard) {
        this.standbyGuard = standbyGuard;
        this.streams = streams;
        this.events = events;
        this.keepAliveMillis = keepAliveMillis;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the router is looked up once everything has started (onCamelContextFullyStarted)
    }

    @Override
    public synchronized void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        // by type: the router's name carries the port (camel.server.port); the management server has one too
        router = context.getRegistry().findByType(VertxPlatformHttpRouter.class).stream()
                .filter(VertxPlatformHttpRouter::isMainServer).findFirst().orElse(null);
        if (router == null) {
            LOG.debug("No platform HTTP router (recgate.api.enabled=false): no event stream, no console");
            return;
        }
        // before every route of the REST DSL and the event stream (Vert.x runs routes by their order)
        router.route(StandbyGuard.PATH).order(-1).handler(standbyGuard);
        router.get(EVENTS_PATH).handler(streams);
        ConsoleFiles console = new ConsoleFiles();
        router.get(ConsoleFiles.PATH).handler(console);
        router.get(ConsoleFiles.PATH + "/*").handler(console);
        timer = router.vertx().setPeriodic(keepAliveMillis, id -> events.keepAlive());
    }

    @Override
    public synchronized void onContextStopping(CamelContext context) {
        if (router != null && timer >= 0) {
            router.vertx().cancelTimer(timer);
            timer = -1;
        }
        events.closeAll();
    }
}
