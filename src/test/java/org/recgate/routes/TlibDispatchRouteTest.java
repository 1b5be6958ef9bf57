package org.recgate.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.recgate.gateway.TlibExchange;
import org.recgate.testing.TlibTestClient;
import org.recgate.tlib.model.Replies;
import org.recgate.tlib.model.TlibMessage;

/**
 * tlib-dispatch.camel.yaml: the gate (2001 before RequestRegisterClient, 53 for a bad frame or a request without
 * AttrReferenceID), the choice on the message name, the reply to the client and the audit of every request. A
 * real TCP client through tlib-listener; the route files of the other concerns are mocked at their direct:
 * entries and answer EventACK, as theirs do.
 */
@CamelMainTest(propertyPlaceholderLocations = {RouteTestSupport.TEST_SETTINGS, RouteTestSupport.SETTINGS},
        properties = RouteFiles.LOAD + RouteFiles.TLIB_LISTENER + RouteFiles.TLIB_DISPATCH + RouteFiles.TLIB_ERRORS,
        mockEndpointsAndSkip = "direct:(user-event|private-service|route-call|call-feed|audit)")
class TlibDispatchRouteTest extends RouteTestSupport {

    private TlibTestClient connect() throws Exception {
        return TlibTestClient.connect("127.0.0.1", Integer.parseInt(setting("recgate.tlib.port")));
    }

    private static boolean named(JsonNode event, String name) {
        return name.equals(event.path("message").asText());
    }

    /** The concern's route answers EventACK, as they all do. */
    private MockEndpoint acknowledging(String uri) {
        MockEndpoint route = mock(uri);
        route.whenAnyExchangeReceived(exchange -> exchange.getMessage()
                .setBody(Replies.ack(exchange.getMessage().getBody(TlibMessage.class))));
        return route;
    }

    private List<Integer> auditedErrorCodes() {
        return mock("direct:audit").getExchanges().stream()
                .map(exchange -> exchange.getProperty(TlibExchange.ERROR_CODE, Integer.class)).toList();
    }

    @Test
    void nothingButRequestRegisterClientIsTakenBeforeTheClientRegistered() throws Exception {
        try (TlibTestClient client = connect()) {
            JsonNode refused = client.request(TlibTestClient.message("RequestRegisterAddress").put("AttrThisDN", "1001"));

            assertTrue(named(refused, "EventError"), refused::toString);
            assertEquals(2001, refused.path("AttrErrorCode").asInt());
            assertEquals(0, mock("direct:private-service").getReceivedCounter());
            assertEquals(List.of(2001), auditedErrorCodes());
        }
    }

    @Test
    void registrationsAreAnsweredByTheRegistrationSteps() throws Exception {
        try (TlibTestClient client = connect()) {
            JsonNode info = client.registerClient("desktop", null);
            JsonNode registered = client.register("1001", "Private");
            JsonNode unregistered = client.request(TlibTestClient.message("RequestUnregisterAddress").put("AttrThisDN", "1001"));
            JsonNode notRegistered = client.request(TlibTestClient.message("RequestUnregisterAddress").put("AttrThisDN", "1001"));

            assertTrue(info.path("AttrClientID").asLong() > 0, info::toString);
            assertTrue(named(registered, "EventRegistered"), registered::toString);
            assertEquals("Private", registered.path("AttrRegisterMode").asText());
            assertTrue(named(unregistered, "EventUnregistered"), unregistered::toString);
            assertEquals(41, notRegistered.path("AttrErrorCode").asInt());
            assertEquals(4, mock("direct:audit").getReceivedCounter(), "every request audited, answered or refused");
        }
    }

    @ParameterizedTest
    @CsvSource({
            "RequestSendEvent, direct:user-event",
            "RequestPrivateService, direct:private-service",
            "RequestRouteCall, direct:route-call",
            "EventEstablished, direct:call-feed",
            "EventPartyChanged, direct:call-feed",
            "EventReleased, direct:call-feed"})
    void eachMessageGoesToTheRouteOfItsConcernAndItsAnswerToTheClient(String message, String route) throws Exception {
        MockEndpoint concern = acknowledging(route);
        try (TlibTestClient client = connect()) {
            client.registerClient("cli", null);
            JsonNode ack = client.request(TlibTestClient.message(message).put("AttrThisDN", "1001"));

            assertTrue(named(ack, "EventACK"), ack::toString);
            assertEquals(1, concern.getReceivedCounter());
            Exchange handedOver = concern.getExchanges().get(0);
            assertEquals(message, handedOver.getMessage().getHeader(TlibExchange.MESSAGE));
            assertEquals(message, handedOver.getMessage().getBody(TlibMessage.class).name());
            assertEquals(2, mock("direct:audit").getReceivedCounter(), "RegisterClient and the request");
        }
    }

    @Test
    void aCallEventWithoutReferenceIdIsNotAnswered() throws Exception {
        mock("direct:call-feed").whenAnyExchangeReceived(exchange -> exchange.getMessage().setBody(null));
        try (TlibTestClient client = connect()) {
            client.registerClient("switch", null);
            client.sendLine("{\"message\":\"EventEstablished\",\"AttrConnectionID\":\"00000000000000c1\",\"AttrThisDN\":\"1001\"}");
            int mark = client.mark();
            // the replies come in request order: an answer to the event would come before this one's
            JsonNode next = client.request(TlibTestClient.message("RequestQueryCall").put("AttrConnectionID", "00000000000000c1"));

            assertEquals(List.of(next), client.received().subList(mark, client.received().size()));
            assertEquals(1, mock("direct:call-feed").getReceivedCounter());
        }
    }

    @Test
    void anUnknownMessageIsRefusedWith51() throws Exception {
        try (TlibTestClient client = connect()) {
            client.registerClient("desktop", null);
            JsonNode refused = client.request(TlibTestClient.message("RequestMakeCall").put("AttrThisDN", "1001"));

            assertEquals(51, refused.path("AttrErrorCode").asInt());
            assertTrue(refused.path("AttrErrorMessage").asText().contains("RequestMakeCall"), refused::toString);
            assertEquals("1001", refused.path("AttrThisDN").asText());
        }
    }

    @Test
    void aBadFrameOrARequestWithoutReferenceIdIsRefusedWith53() throws Exception {
        try (TlibTestClient client = connect()) {
            client.registerClient("desktop", null);
            client.sendLine("{\"message\":\"RequestQueryCall\",\"AttrReferenceID\":8,");
            JsonNode badFrame = client.await(event -> named(event, "EventError"));
            client.sendLine("{\"message\":\"RequestQueryCall\",\"AttrConnectionID\":\"00000000000000c1\"}");
            JsonNode noReference = client.await(event -> named(event, "EventError"));

            assertEquals(53, badFrame.path("AttrErrorCode").asInt());
            assertEquals(53, noReference.path("AttrErrorCode").asInt());
            assertTrue(noReference.path("AttrErrorMessage").asText().contains("AttrReferenceID"), noReference::toString);
            assertEquals(List.of(53, 53), auditedErrorCodes().subList(1, 3));
        }
    }

    @Test
    void aCallQueryIsAnsweredByTheCallQueryStep() throws Exception {
        try (TlibTestClient client = connect()) {
            client.registerClient("desktop", null);
            JsonNode unknownCall = client.request(TlibTestClient.message("RequestQueryCall").put("AttrConnectionID", "00000000000000c1"));

            assertEquals(56, unknownCall.path("AttrErrorCode").asInt(), unknownCall::toString);
            assertTrue(unknownCall.path("AttrErrorMessage").asText().contains("00000000000000c1"), unknownCall::toString);
        }
    }
}
