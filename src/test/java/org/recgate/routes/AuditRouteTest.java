package org.recgate.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.recgate.gateway.TlibExchange;
import org.recgate.tlib.model.Attr;
import org.recgate.tlib.model.FrameError;
import org.recgate.tlib.model.Replies;
import org.recgate.tlib.model.TlibMessage;

/**
 * audit.camel.yaml: every answered or refused request becomes one audit/1 record on tlib.audit, keyed by the
 * client id (docs/kafka.md), through the real publishing queue of kafka-publish.camel.yaml to kafka: (mocked).
 */
@CamelMainTest(propertyPlaceholderLocations = {RouteTestSupport.TEST_SETTINGS, RouteTestSupport.SETTINGS},
        properties = RouteFiles.LOAD + RouteFiles.AUDIT + RouteFiles.KAFKA_PUBLISH,
        mockEndpointsAndSkip = "kafka:*")
class AuditRouteTest extends RouteTestSupport {

    private static final String AUDIT = "direct:audit";

    private String topic() {
        return setting("recgate.kafka.topic.audit");
    }

    private TlibMessage privateService(RouteClient client) {
        return client.message("RequestPrivateService").with(Attr.THIS_DN, "1001").with(Attr.CONNECTION_ID, "00000000000000c1")
                .with(Attr.PRIVATE_MSG_ID, "GSIP_RECORD_START");
    }

    @Test
    void anAnsweredRequestIsOneAuditRecordKeyedByItsClient() {
        RouteClient desktop = client("desktop");
        TlibMessage request = privateService(desktop);

        desktop.send(AUDIT, request, exchange -> exchange.getMessage().setBody(Replies.ack(request)));

        PublishedRecord record = awaitPublished(topic(), 1).get(0);
        assertEquals(String.valueOf(desktop.session().clientId()), record.key());
        assertEquals("audit/1", record.value().get("schema"));
        assertEquals(Map.of("id", (int) desktop.session().clientId(), "application", "desktop",
                "remote", String.valueOf(desktop.session().remoteAddress())), record.map("client"));
        assertEquals("RequestPrivateService", record.value().get("message"));
        assertEquals(request.referenceId().intValue(), record.value().get("referenceId"));
        assertEquals("1001", record.value().get("thisDn"));
        assertEquals("00000000000000c1", record.value().get("connectionId"));
        assertEquals("ack", record.value().get("outcome"));
        assertFalse(record.value().containsKey("errorCode"));
    }

    @Test
    void aRefusedRequestCarriesItsErrorCode() {
        RouteClient desktop = client("desktop");

        desktop.send(AUDIT, privateService(desktop), exchange -> exchange.setProperty(TlibExchange.ERROR_CODE, 41));

        PublishedRecord record = awaitPublished(topic(), 1).get(0);
        assertEquals("error", record.value().get("outcome"));
        assertEquals(41, record.value().get("errorCode"));
    }

    @Test
    void aMalformedLineIsAuditedWithTheReferenceIdItHad() {
        RouteClient desktop = client("desktop");

        desktop.send(AUDIT, desktop.message("RequestQueryCall"), exchange -> {
            exchange.setProperty(TlibExchange.REQUEST, new FrameError("not JSON", 9L));
            exchange.setProperty(TlibExchange.ERROR_CODE, 53);
        });

        PublishedRecord record = awaitPublished(topic(), 1).get(0);
        assertEquals("(malformed)", record.value().get("message"));
        assertEquals(9, record.value().get("referenceId"));
        assertEquals(53, record.value().get("errorCode"));
    }

    @Test
    void noRecordWhenTheConnectionClosedBeforeTheRequestWasLookedAt() {
        Exchange done = template.send(AUDIT, exchange -> exchange.getMessage().setBody(TlibMessage.of("RequestQueryCall")));

        assertNull(done.getException());
        // the record would have been queued by now: handing it to the queue is a step of this route
        assertEquals(0, count("recgate.kafka.records.queued", "topic", topic()));
        client("desktop").send(AUDIT, TlibMessage.of("RequestQueryCall").with(Attr.REFERENCE_ID, 1));
        assertEquals(1, count("recgate.kafka.records.queued", "topic", topic()));
    }

    /** A broker outage that filled the audit queue (its publisher is stopped here). */
    @Nested
    @CamelMainTest(properties = "recgate.kafka.queue-size=1")
    class WhenTheQueueIsFull {

        @Test
        void aRecordIsDroppedAndCountedAndTheRouteGoesOn() throws Exception {
            context.getRouteController().stopRoute("publish-audit");
            RouteClient desktop = client("desktop");

            Exchange taken = desktop.send(AUDIT, privateService(desktop));
            Exchange dropped = desktop.send(AUDIT, privateService(desktop));

            assertNull(taken.getException());
            assertNull(dropped.getException());
            assertFalse(dropped.getExchangeExtension().isErrorHandlerHandledSet()
                    && dropped.getExchangeExtension().isErrorHandlerHandled(), "handled: a caller of direct:audit would stop here");
            assertEquals(1, count("recgate.kafka.records.queued", "topic", topic()));
            assertEquals(1, count("recgate.kafka.records.dropped", "topic", topic()));
            context.getRouteController().startRoute("publish-audit");
            awaitPublished(topic(), 1);
        }
    }
}
