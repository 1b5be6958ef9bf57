package org.recgate.gateway.api;

import io.vertx.core.http.HttpServerResponse;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;
import org.recgate.config.ApplicationConfig;
import org.recgate.session.Permissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open {@code GET /api/v1/events} response. Its write queue is bounded
 * ({@code recgate.api.events.max-pending-bytes}): a client that does not read is closed, once,
 * with a WARN line, instead of the gateway holding its events or the route waiting for it.
 */
final class EventStream {

    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);

    private final HttpServerResponse response;
    private final ApplicationConfig application;
    private final ApiEvents events;
    private final AtomicBoolean closed = new AtomicBoolean();

    EventStream(HttpServerResponse response, ApplicationConfig application, ApiEvents events) {
        this.response = response;
        this.application = application;
        this.events = events;
    }

    /** The events of calls and DNs the application may query over the API (a party in its DN scope). */
    boolean sees(Collection<String> dns) {
        return Permissions.maySee(application, dns);
    }

    /** Vert.x takes a write from any thread and does it on the connection's event loop. */
    void send(String frame) {
        if (closed.get()) {
            return;
        }
        if (response.writeQueueFull()) {
            LOG.warn("Closing an event stream of application '{}': it does not read its events"
                    + " (recgate.api.events.max-pending-bytes reached)", application.name());
            close();
            return;
        }
        response.write(frame);
    }

    void close() {
        if (closed.compareAndSet(false, true)) {
            events.closed(this);
            if (!response.closed()) {
                response.close();
            }
        }
    }
}
