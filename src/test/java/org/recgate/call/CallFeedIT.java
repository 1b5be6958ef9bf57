package org.recgate.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recgate.testing.TlibTestClient.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.recgate.testing.RunningGateway;
import org.recgate.testing.TlibTestClient;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

/** The switch feed over T-Library: only the switch role may feed; the call model follows the events. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class CallFeedIT {

    private static final String CONN = "00000000000000f1";
    @RegisterExtension
    static final RunningGateway gateway = RunningGateway.perClass();

    static ObjectNode established(String connectionId, String thisDn, String otherDn) {
        return message("EventEstablished").put("AttrConnectionID", connectionId).put("AttrThisDN", thisDn)
                .put("AttrOtherDN", otherDn).put("AttrCallUUID", "UUID-" + connectionId).put("AttrANI", "+15550100")
                .put("AttrDNIS", "800");
    }

    private static JsonNode query(TlibTestClient client, String connectionId) throws Exception {
        return client.request(message("RequestQueryCall").put("AttrConnectionID", connectionId));
    }

    @Test
    void onlyTheSwitchRoleMayFeedCalls() throws Exception {
        try (TlibTestClient desktop = gateway.connectAs("desktop")) {
            JsonNode refused = desktop.request(established(CONN, "1001", "5000"));
            assertEquals(2002, refused.path("AttrErrorCode").asInt(), refused::toString);
            assertEquals(56, query(desktop, CONN).path("AttrErrorCode").asInt(), "nothing was created");
        }
    }

    @Test
    void theCallFollowsEstablishedTransferAndRelease() throws Exception {
        String conn = "00000000000000f2";
        try (TlibTestClient feed = gateway.connectAs("switch"); TlibTestClient supervisor = gateway.connectAs("supervisor-free")) {
            assertEquals("EventACK", feed.request(established(conn, "1001", "5000")).path("message").asText(),
                    "a call event with a ReferenceID is acknowledged");
            JsonNode info = query(supervisor, conn);
            assertEquals("EventPartyInfo", info.path("message").asText(), info::toString);
            assertEquals("UUID-" + conn, info.path("AttrCallUUID").asText());
            assertTrue(info.path("AttrExtensions").path("parties").has("1001"));

            feed.request(message("EventPartyChanged").put("AttrConnectionID", conn).put("AttrThisDN", "5000")
                    .put("AttrOtherDN", "1002").put("AttrThirdPartyDN", "1001"));
            JsonNode transferred = query(supervisor, conn).path("AttrExtensions").path("parties");
            assertTrue(transferred.has("1002") && !transferred.has("1001"), transferred::toString);

            // without a ReferenceID a call event gets no answer: the next answer is the query's
            feed.sendLine(message("EventReleased").put("AttrConnectionID", conn).put("AttrThisDN", "1002").toString());
            feed.sendLine(message("EventReleased").put("AttrConnectionID", conn).put("AttrThisDN", "5000").toString());
            JsonNode gone = query(feed, conn);
            assertEquals(56, gone.path("AttrErrorCode").asInt(), "the call ended with its last party: " + gone);
            assertEquals(56, feed.request(message("EventReleased").put("AttrConnectionID", conn).put("AttrThisDN", "5000"))
                    .path("AttrErrorCode").asInt(), "an event for an unknown call is 56");
        }
    }
}
