package org.recgate.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.net.InetSocketAddress;
import java.util.Locale;
import org.recgate.config.ApplicationConfig;
import org.recgate.session.Permissions;
import org.recgate.tlib.model.ErrorCode;
import org.recgate.tlib.model.TlibException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/events} on the platform HTTP server's router (the REST DSL cannot stream):
 * the same HTTP Basic check as the API routes ({@link ApiCredentials}, off the event loop: a hashed
 * password takes a while), the desktop or supervisor role, then a {@code text/event-stream} response
 * that {@link ApiEvents} writes to until the client goes.
 */
public final class EventStreamHandler implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(EventStreamHandler.class);

    private final ApiCredentials credentials;
    private final ApiEvents events;
    private final int maxPendingBytes;
    private final ObjectMapper json = new ObjectMapper();

    public EventStreamHandler(ApiCredentials credentials, ApiEvents events, int maxPendingBytes) {
        this.credentials = credentials;
        this.events = events;
        this.maxPendingBytes = maxPendingBytes;
    }

    @Override
    public void handle(RoutingContext context) {
        String authorization = context.request().getHeader("Authorization");
        InetSocketAddress remote = remote(context.request().remoteAddress());
        context.vertx().<ApplicationConfig>executeBlocking(() -> {
            ApplicationConfig application = credentials.authenticate(authorization, remote);
            Permissions.checkMayQuery(application);
            return application;
        }, false).onComplete(result -> {
            if (result.succeeded()) {
                open(context.response(), result.result());
            } else {
                refuse(context.response(), result.cause());
            }
        });
    }

    private void open(HttpServerResponse response, ApplicationConfig application) {
        if (response.closed()) {
            return;
        }
        EventStream stream = new EventStream(response, application, events);
        response.setChunked(true).setWriteQueueMaxSize(maxPendingBytes)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .putHeader("X-Content-Type-Options", "nosniff");
        response.closeHandler(ignored -> stream.close());
        // the status line and headers go out now, not with the first event
        response.write(": RecGate events for application '" + application.name() + "'\n\n");
        events.open(stream);
        LOG.debug("Event stream opened for application '{}' ({} open)", application.name(), events.open());
    }

    private void refuse(HttpServerResponse response, Throwable cause) {
        int status = cause instanceof ApiException api ? api.status()
                : cause instanceof TlibException known ? ApiStatus.of(known.errorCode(), known.extensions()) : ApiStatus.INTERNAL;
        TlibException failure = cause instanceof TlibException known ? known
                : new TlibException(ErrorCode.INTERNAL, "the gateway failed inside (" + cause.getClass().getSimpleName()
                        + "); the event stream was not opened, and asking again may work");
        if (status == ApiStatus.INTERNAL) {
            LOG.error("Internal error on GET /api/v1/events", cause);
        }
        if (status == ApiStatus.UNAUTHORIZED) {
            response.putHeader("WWW-Authenticate", ApiErrors.CHALLENGE);
        }
        String body;
        try {
            body = json.writeValueAsString(ApiErrors.body(failure));
        } catch (JsonProcessingException e) {
            body = "{\"code\":" + failure.errorCode().code() + "}";
        }
        response.setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
    }

    private static InetSocketAddress remote(SocketAddress address) {
        return address == null || address.host() == null ? InetSocketAddress.createUnresolved("unknown", 0)
                : InetSocketAddress.createUnresolved(address.host().toLowerCase(Locale.ROOT), address.port());
    }
}
