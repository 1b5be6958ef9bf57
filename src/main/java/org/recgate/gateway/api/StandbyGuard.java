package org.recgate.gateway.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BooleanSupplier;

/**
 * The REST API of a standby of a hot-standby pair (docs/operations.md, "High availability
 * (hot-standby pair)"): it knows no call until it takes over, so rather than answer from that empty
 * state every {@code /api/} request gets 503 with the API's error body, as a refused T-Library
 * connection tells a client to go to the other instance. The console's files are still served.
 */
public final class StandbyGuard implements Handler<RoutingContext> {

    static final String PATH = "/api/*";
    private static final String BODY = "{\"code\":58,\"message\":\"this gateway is the standby of a hot-standby pair:"
            + " the active one serves the API\"}";

    private final BooleanSupplier active;

    public StandbyGuard(BooleanSupplier active) {
        this.active = active;
    }

    @Override
    public void handle(RoutingContext request) {
        if (active.getAsBoolean()) {
            request.next();
            return;
        }
        request.response().setStatusCode(503).putHeader("Content-Type", "application/json").end(BODY);
    }
}
