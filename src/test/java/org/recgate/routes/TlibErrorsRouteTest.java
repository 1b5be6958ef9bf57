package org.recgate.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.Configure;
import org.junit.jupiter.api.Test;
import org.recgate.gateway.TlibExchange;
import org.recgate.tlib.model.Attr;
import org.recgate.tlib.model.ErrorCode;
import org.recgate.tlib.model.TlibException;
import org.recgate.tlib.model.TlibMessage;

/**
 * tlib-errors.camel.yaml, the route configuration of every T-Library route: a request that fails becomes one
 * EventError to its client (code and plain message) after what it changed is undone, anything unexpected is 52,
 * and every refusal is audited. The failing step is a route of this test's own under that configuration.
 */
@CamelMainTest(propertyPlaceholderLocations = {RouteTestSupport.TEST_SETTINGS, RouteTestSupport.SETTINGS},
        properties = RouteFiles.LOAD + RouteFiles.TLIB_ERRORS,
        mockEndpointsAndSkip = "direct:audit")
class TlibErrorsRouteTest extends RouteTestSupport {

    private static final String FAILING = "direct:failing-request";

    /** What the request's route does; each test says how it fails. */
    private volatile Processor step = exchange -> { };

    @Configure
    void failingRoute(MainConfigurationProperties main) {
        main.addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from(FAILING).routeId("failing-request").routeConfigurationId("tlib-errors")
                        .process(exchange -> step.process(exchange));
            }
        });
    }

    private TlibMessage request(RouteClient client) {
        return client.message("RequestPrivateService").with(Attr.THIS_DN, "1001").with(Attr.CONNECTION_ID, "00000000000000c1");
    }

    @Test
    void aRefusedRequestIsAnsweredWithItsCodeAndMessageAndAudited() {
        step = exchange -> {
            throw new TlibException(ErrorCode.NOT_REGISTERED, "DN 1001 is not registered by this client");
        };
        RouteClient desktop = client("desktop");
        TlibMessage request = request(desktop);

        TlibMessage error = desktop.request(FAILING, request);

        assertEquals("EventError", error.name());
        assertEquals(41L, error.number(Attr.ERROR_CODE));
        assertEquals("DN 1001 is not registered by this client", error.string(Attr.ERROR_MESSAGE));
        assertEquals(request.referenceId(), error.referenceId());
        assertEquals("1001", error.string(Attr.THIS_DN));
        assertEquals("00000000000000c1", error.string(Attr.CONNECTION_ID));
        assertEquals(List.of(error), desktop.received(), "one EventError, nothing else");
        Exchange audited = mock("direct:audit").getExchanges().get(0);
        assertEquals(41, audited.getProperty(TlibExchange.ERROR_CODE, Integer.class));
        assertEquals(request, audited.getProperty(TlibExchange.REQUEST));
    }

    @Test
    void whatTheRequestChangedIsUndoneBeforeTheErrorIsSent() {
        RouteClient desktop = client("desktop");
        List<String> undone = new ArrayList<>();
        step = exchange -> {
            TlibExchange.onFailure(exchange, () -> undone.add("first change, events sent: " + desktop.received().size()));
            TlibExchange.onFailure(exchange, () -> undone.add("second change"));
            throw new TlibException(ErrorCode.RECORDER_REJECTED, "the recorder refused");
        };

        TlibMessage error = desktop.request(FAILING, request(desktop));

        assertEquals(2005L, error.number(Attr.ERROR_CODE));
        assertEquals(List.of("second change", "first change, events sent: 0"), undone, "newest first, before the EventError");
    }

    @Test
    void anythingUnexpectedIsAnInternalError52() {
        step = exchange -> {
            throw new IllegalStateException("a bug");
        };
        RouteClient desktop = client("desktop");

        TlibMessage error = desktop.request(FAILING, request(desktop));

        assertEquals(52L, error.number(Attr.ERROR_CODE));
        assertTrue(error.string(Attr.ERROR_MESSAGE).contains("IllegalStateException"), error::toString);
        assertFalse(error.string(Attr.ERROR_MESSAGE).contains("a bug"), "no internals on the wire: " + error);
    }

    @Test
    void aClosingRefusalClosesTheConnectionAfterTheError() {
        step = exchange -> {
            throw TlibException.closing(ErrorCode.NOT_AUTHORIZED, "wrong or missing AttrApplicationPassword");
        };
        RouteClient desktop = client("desktop");

        TlibMessage error = desktop.request(FAILING, request(desktop));

        assertEquals(2002L, error.number(Attr.ERROR_CODE));
        assertTrue(desktop.connection().closed());
    }

    @Test
    void aRequestWhoseClientIsGoneIsAuditedWithoutAnAnswer() {
        step = exchange -> {
            throw new TlibException(ErrorCode.INVALID_ATTRIBUTE, "RequestPrivateService needs AttrPrivateMsgID");
        };

        Exchange done = template.send(FAILING, exchange -> exchange.getMessage().setBody(TlibMessage.of("RequestPrivateService")));

        assertNull(done.getException(), "handled");
        assertEquals(53, mock("direct:audit").getExchanges().get(0).getProperty(TlibExchange.ERROR_CODE, Integer.class));
    }
}
