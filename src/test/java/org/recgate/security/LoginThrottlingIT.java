package org.recgate.security;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recgate.testing.TlibTestClient.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.recgate.config.PasswordHash;
import org.recgate.kafka.RecordSchemas;
import org.recgate.testing.RunningGateway;
import org.recgate.testing.TestKafka;
import org.recgate.testing.TlibTestClient;

/**
 * Login throttling (docs/security.md): after N failed RequestRegisterClient from one address it is
 * locked out, and even the right (hashed) password is refused until the lock ends; each failure is
 * counted and audited with the application name tried.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class LoginThrottlingIT {

    private static final String PASSWORD = "correct horse";

    private static JsonNode registerClient(RunningGateway gateway, String application, String password) throws Exception {
        try (TlibTestClient client = gateway.connect()) {
            JsonNode reply = client.request(message("RequestRegisterClient").put("AttrApplicationName", application)
                    .put("AttrApplicationPassword", password));
            if ("EventError".equals(reply.path("message").asText())) {
                client.awaitClosed();
            }
            return reply;
        }
    }

    private static String metrics(RunningGateway gateway) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.managementPort() + "/observe/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void anAddressWithTooManyFailuresIsLockedOutEvenForTheRightPassword(@TempDir Path dir) throws Exception {
        Path dnFile = Files.writeString(dir.resolve("dns.yaml"), """
                applications:
                  supervisor: {password: "%s", roles: [supervisor]}
                """.formatted(PasswordHash.hash(PASSWORD.toCharArray())));
        try (RunningGateway gateway = RunningGateway.start(Map.of("recgate.dn-file", dnFile.toString(),
                "recgate.tlib.login.max-failures", "3", "recgate.tlib.login.window-ms", "30000",
                "recgate.tlib.login.lockout-ms", "3000"));
             KafkaConsumer<String, String> audit = TestKafka.consumer(TestKafka.bootstrapServers(), gateway.topic("audit"))) {
            assertTrue(metrics(gateway).contains("# HELP recgate_tlib_login_failures_total"), "with its HELP");
            assertTrue(metrics(gateway).contains("recgate_tlib_login_failures_total 0.0"), "there at 0 before any failure");
            assertEquals("EventServerInfo", registerClient(gateway, "supervisor", PASSWORD).path("message").asText());

            assertEquals(2002, registerClient(gateway, "supervisor", "wrong").path("AttrErrorCode").asInt());
            assertEquals(2002, registerClient(gateway, "supervisor", "Correct horse").path("AttrErrorCode").asInt());
            assertEquals(2002, registerClient(gateway, "nobody", PASSWORD).path("AttrErrorCode").asInt());
            JsonNode locked = registerClient(gateway, "supervisor", PASSWORD);
            assertEquals(2002, locked.path("AttrErrorCode").asInt(), locked::toString);
            assertTrue(locked.path("AttrErrorMessage").asText().contains("too many failed"), locked::toString);

            // the lock ends by itself; until then the right password is refused too
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).until(() ->
                    "EventServerInfo".equals(registerClient(gateway, "supervisor", PASSWORD).path("message").asText()));
            String metrics = metrics(gateway);
            assertTrue(metrics.contains("recgate_tlib_login_failures_total 3.0"), metrics);
            assertTrue(metrics.contains("recgate_tlib_login_lockouts_total 1.0"), metrics);

            // the three failures and the refusal during the lockout, at least (records of different
            // clients may come from different partitions, so in any order)
            List<String> tried = failuresAudited(audit, 4);
            assertEquals(1, tried.stream().filter("nobody"::equals).count(), tried::toString);
            assertTrue(tried.stream().filter("supervisor"::equals).count() >= 3, tried::toString);
        }
    }

    /** The application names of (at least {@code count}) refused RequestRegisterClient on the audit topic. */
    private static List<String> failuresAudited(KafkaConsumer<String, String> audit, int count) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> tried = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (tried.size() < count && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : audit.poll(Duration.ofMillis(200))) {
                JsonNode entry = RecordSchemas.assertValid("audit-1", record.value());
                if ("RequestRegisterClient".equals(entry.path("message").asText()) && entry.path("errorCode").asInt() == 2002) {
                    assertFalse(entry.path("client").has("application"), "not registered: " + record.value());
                    assertFalse(record.value().contains("horse"), "no password in the audit: " + record.value());
                    tried.add(entry.path("applicationName").asText());
                }
            }
        }
        return tried;
    }
}
