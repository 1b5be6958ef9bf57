package org.recgate.routes;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.netty.NettyConstants;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.recgate.session.SessionRegistry;
import org.recgate.testing.TlibTestClient;
import org.recgate.tlib.model.FrameError;
import org.recgate.tlib.model.Replies;
import org.recgate.tlib.model.TlibMessage;

/**
 * tlib-listener.camel.yaml: the Netty TCP listener with the gateway's codec and session tracker, met by a
 * real TCP client. What it hands on to direct:tlib-request (tlib-dispatch, mocked here) is one decoded
 * message or frame error per line, on the channel of the client's session.
 */
@CamelMainTest(propertyPlaceholderLocations = {RouteTestSupport.TEST_SETTINGS, RouteTestSupport.SETTINGS},
        properties = {RouteFiles.LOAD + RouteFiles.TLIB_LISTENER + RouteFiles.TLIB_ERRORS, "recgate.tlib.max-line-bytes=1024"},
        mockEndpointsAndSkip = "direct:(tlib-request|audit)")
class TlibListenerRouteTest extends RouteTestSupport {

    private MockEndpoint dispatch() {
        return mock("direct:tlib-request");
    }

    private TlibTestClient connect() throws Exception {
        return TlibTestClient.connect("127.0.0.1", Integer.parseInt(setting("recgate.tlib.port")));
    }

    @Test
    void eachLineBecomesOneMessageOnTheChannelOfTheClientsSession() throws Exception {
        try (TlibTestClient client = connect()) {
            client.sendRaw(("{\"message\":\"RequestRegisterClient\",\"AttrReferenceID\":1,\"AttrApplicationName\":\"desktop\"}\n"
                    + "{\"message\":\"RequestQueryCall\",\"AttrReferenceID\":2}\n").getBytes(StandardCharsets.UTF_8));

            await().atMost(TIMEOUT).until(() -> dispatch().getReceivedCounter() == 2);
            TlibMessage first = assertInstanceOf(TlibMessage.class, dispatch().getExchanges().get(0).getMessage().getBody());
            assertEquals("RequestRegisterClient", first.name());
            assertEquals("desktop", first.string("AttrApplicationName"));
            assertEquals(2L, ((TlibMessage) dispatch().getExchanges().get(1).getMessage().getBody()).referenceId());
            assertTrue(dispatch().getExchanges().get(0).getMessage().getHeader(NettyConstants.NETTY_CHANNEL_HANDLER_CONTEXT)
                    instanceof ChannelHandlerContext, "the channel, for the session and the reply");
            assertEquals(1, bean("tlibSessions", SessionRegistry.class).connectedClients());
        }
    }

    @Test
    void aLineThatIsNotJsonOrTooLongBecomesAFrameError() throws Exception {
        try (TlibTestClient client = connect()) {
            client.sendLine("this is not json");
            client.sendLine("{\"message\":\"RequestQueryCall\",\"AttrReferenceID\":3,\"AttrThisDN\":\"" + "1".repeat(1100) + "\"}");

            await().atMost(TIMEOUT).until(() -> dispatch().getReceivedCounter() == 2);
            assertInstanceOf(FrameError.class, dispatch().getExchanges().get(0).getMessage().getBody());
            FrameError tooLong = assertInstanceOf(FrameError.class, dispatch().getExchanges().get(1).getMessage().getBody());
            assertTrue(tooLong.reason().contains("longer than 1024"), tooLong.reason());
        }
    }

    @Test
    void whatTheGatewayWritesOnTheChannelReachesTheClientAsAJsonLine() throws Exception {
        dispatch().whenAnyExchangeReceived(exchange -> channelOf(exchange).channel()
                .writeAndFlush(Replies.ack(exchange.getMessage().getBody(TlibMessage.class))));
        try (TlibTestClient client = connect()) {
            client.sendLine("{\"message\":\"RequestQueryCall\",\"AttrReferenceID\":7,\"AttrThisDN\":\"1001\"}");

            JsonNode ack = client.await(event -> "EventACK".equals(event.path("message").asText()));
            assertEquals(7, ack.path("AttrReferenceID").asInt());
            assertEquals("1001", ack.path("AttrThisDN").asText());
        }
    }

    @Test
    void aClosedConnectionEndsItsSession() throws Exception {
        SessionRegistry sessions = bean("tlibSessions", SessionRegistry.class);
        try (TlibTestClient client = connect()) {
            await().atMost(TIMEOUT).until(() -> sessions.connectedClients() == 1);
        }
        await().atMost(TIMEOUT).until(() -> sessions.connectedClients() == 0);
    }

    private static ChannelHandlerContext channelOf(Exchange exchange) {
        return exchange.getMessage().getHeader(NettyConstants.NETTY_CHANNEL_HANDLER_CONTEXT, ChannelHandlerContext.class);
    }
}
