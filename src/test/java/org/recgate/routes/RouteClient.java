package org.recgate.routes;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.recgate.gateway.TlibExchange;
import org.recgate.gateway.session.Registrations;
import org.recgate.session.ClientSession;
import org.recgate.session.SessionRegistry;
import org.recgate.testing.TestConnection;
import org.recgate.tlib.model.Attr;
import org.recgate.tlib.model.MessageName;
import org.recgate.tlib.model.RegisterMode;
import org.recgate.tlib.model.TlibMessage;

/**
 * A T-Library client as the routes behind tlib-dispatch see it: a session of the gateway's own
 * {@code tlibSessions}, registered as an application of the test DN file by the gateway's
 * {@code registrations} step, over a {@link TestConnection} that keeps every event the gateway sent
 * it. {@link #send} hands a request to a route the way tlib-dispatch does.
 */
final class RouteClient {

    private final ProducerTemplate template;
    private final SessionRegistry sessions;
    private final TestConnection connection = new TestConnection();
    private final ClientSession session;
    private final AtomicLong referenceIds = new AtomicLong(100);

    private RouteClient(CamelContext context, ProducerTemplate template, String application) {
        this.template = template;
        this.sessions = context.getRegistry().lookupByNameAndType("tlibSessions", SessionRegistry.class);
        this.session = sessions.open(connection);
        context.getRegistry().lookupByNameAndType("registrations", Registrations.class).registerClient(session,
                TlibMessage.of(MessageName.REQUEST_REGISTER_CLIENT).with(Attr.REFERENCE_ID, 1)
                        .with(Attr.APPLICATION_NAME, application));
    }

    static RouteClient registered(CamelContext context, ProducerTemplate template, String application) {
        return new RouteClient(context, template, application);
    }

    RouteClient register(String dn, RegisterMode mode) {
        sessions.register(session, dn, mode);
        return this;
    }

    RouteClient register(String dn) {
        return register(dn, RegisterMode.SHARE);
    }

    /** The connection closes, and its session with it (as the listener's session tracker does). */
    void disconnect() {
        connection.close();
        sessions.close(session);
    }

    /** A request of this client, with a fresh AttrReferenceID. */
    TlibMessage message(String name) {
        return TlibMessage.of(name).with(Attr.REFERENCE_ID, referenceIds.incrementAndGet());
    }

    /** The request as tlib-dispatch's first step leaves it: session, request and arrival time; the message name header. */
    Exchange send(String uri, TlibMessage request) {
        return send(uri, request, exchange -> { });
    }

    /** {@link #send(String, TlibMessage)}, with what the request's route left on the exchange as well. */
    Exchange send(String uri, TlibMessage request, Consumer<Exchange> leftByTheRoute) {
        return template.send(uri, exchange -> {
            exchange.setProperty(TlibExchange.SESSION, session);
            exchange.setProperty(TlibExchange.REQUEST, request);
            exchange.setProperty(TlibExchange.RECEIVED_NANOS, System.nanoTime());
            exchange.getMessage().setHeader(TlibExchange.MESSAGE, request.name());
            exchange.getMessage().setBody(request);
            leftByTheRoute.accept(exchange);
        });
    }

    /**
     * What the client is answered: the reply the route leaves in the body (tlib-dispatch sends it), or
     * the EventError the route configuration tlib-errors sent it.
     */
    TlibMessage request(String uri, TlibMessage request) {
        int before = connection.sent().size();
        Exchange exchange = send(uri, request);
        if (exchange.getException() != null) {
            throw new AssertionError("the route failed instead of answering", exchange.getException());
        }
        if (exchange.getProperty(TlibExchange.ERROR_CODE) != null) {
            return connection.sent().subList(before, connection.sent().size()).stream()
                    .filter(event -> MessageName.EVENT_ERROR.equals(event.name())).reduce((first, last) -> last)
                    .orElseThrow(() -> new AssertionError("an error code but no EventError sent"));
        }
        return exchange.getMessage().getBody(TlibMessage.class);
    }

    /** Every event the gateway sent this client, in order. */
    List<TlibMessage> received() {
        return List.copyOf(connection.sent());
    }

    List<TlibMessage> received(String name) {
        return received().stream().filter(event -> name.equals(event.name())).toList();
    }

    ClientSession session() {
        return session;
    }

    TestConnection connection() {
        return connection;
    }
}
