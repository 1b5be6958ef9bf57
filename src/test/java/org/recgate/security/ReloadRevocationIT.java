package org.recgate.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recgate.testing.TlibTestClient.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.recgate.testing.RunningGateway;
import org.recgate.testing.TlibTestClient;

/**
 * A DN-file reload revokes (docs/security.md): a removed application's clients and those whose
 * password changed get EventError 2002 and are closed; a narrowed scope drops the registrations it
 * no longer allows, with an EventError naming the DN; other clients go on.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ReloadRevocationIT {

    private static final String BEFORE = """
            applications:
              desktop: {roles: [desktop]}
              agent: {password: one, roles: [desktop], dns: ["10*"]}
              temp: {roles: [desktop]}
            """;

    private static boolean unsolicitedError(JsonNode event) {
        return "EventError".equals(event.path("message").asText()) && !event.has("AttrReferenceID")
                && event.path("AttrErrorCode").asInt() == 2002;
    }

    /** {@code client} gets the unsolicited EventError 2002, its message naming {@code why}, and is closed. */
    private static void assertRevoked(TlibTestClient client, String why) throws Exception {
        JsonNode revoked = client.await(ReloadRevocationIT::unsolicitedError);
        assertTrue(revoked.path("AttrErrorMessage").asText().contains(why), revoked::toString);
        client.awaitClosed();
    }

    @Test
    void removedApplicationsChangedPasswordsAndNarrowedScopesAreRevoked(@TempDir Path dir) throws Exception {
        Path dnFile = Files.writeString(dir.resolve("dns.yaml"), BEFORE);
        try (RunningGateway gateway = RunningGateway.start(Map.of("recgate.dn-file", dnFile.toString(),
                "recgate.dn-file.check-ms", "100"));
             TlibTestClient desktop = gateway.connectAs("desktop");
             TlibTestClient agent = gateway.connect();
             TlibTestClient temp = gateway.connectAs("temp")) {
            agent.registerClient("agent", "one");
            agent.register("1001", null);
            agent.register("1002", null);
            temp.register("1003", null);
            desktop.register("1001", null);

            Files.writeString(dnFile, """
                    applications:
                      desktop: {roles: [desktop]}
                      agent: {password: one, roles: [desktop], dns: ["1001"]}
                    """);
            assertRevoked(temp, "'temp' was removed");
            JsonNode dropped = agent.await(ReloadRevocationIT::unsolicitedError);
            assertEquals("1002", dropped.path("AttrThisDN").asText(), dropped::toString);
            assertEquals(2002, agent.register("1002", "Monitor").path("AttrErrorCode").asInt(), "outside the new scope");
            JsonNode kept = agent.request(message("RequestUnregisterAddress").put("AttrThisDN", "1001"));
            assertEquals("EventUnregistered", kept.path("message").asText(), "1001 is still allowed and registered: " + kept);

            Files.writeString(dnFile, """
                    applications:
                      desktop: {roles: [desktop]}
                      agent: {password: two, roles: [desktop], dns: ["1001"]}
                    """);
            assertRevoked(agent, "password");

            assertEquals("EventRegistered", desktop.register("1001", null).path("message").asText(), "not affected");
        }
    }
}
