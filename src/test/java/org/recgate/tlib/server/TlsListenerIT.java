package org.recgate.tlib.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recgate.testing.Recordings.establish;
import static org.recgate.testing.Recordings.privateService;
import static org.recgate.testing.TlibTestClient.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.recgate.testing.TlibTestClient;
import org.recgate.testing.TlsGateway;

/**
 * The T-Library listener over TLS (docs/security.md, TLS), client-auth {@code want}, with
 * real TLS clients: they register and record, with or without a client certificate; a plain client
 * gets nothing; TLS 1.1 is refused by the gateway (the test JVM itself allows it, see
 * src/test/resources/tls-legacy-protocols.security).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TlsListenerIT {

    @RegisterExtension
    static final TlsGateway gateway = TlsGateway.perClass("want");

    /** {@code recgate_tlib_tls_refused_total}. */
    private static double tlsRefused() {
        return gateway.gate().context().getRegistry()
                .lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class)
                .get("recgate.tlib.tls.refused").counter().count();
    }

    @Test
    void tlsClientsRegisterAndRecord() throws Exception {
        try (TlibTestClient feed = gateway.connect(true);
             TlibTestClient desktop = gateway.connect(false)) {
            feed.registerClient("switch", null);
            desktop.registerClient("desktop", null);
            assertEquals("EventRegistered", desktop.register("1001", null).path("message").asText());
            establish(feed, "00000000000000e1", "1001", "5000");
            JsonNode started = desktop.request(privateService("GSIP_RECORD_START", "1001", "00000000000000e1",
                    Map.of("id", "over-tls")));
            assertEquals("EventACK", started.path("message").asText(), started::toString);

            Path file = Path.of(gateway.gate().context().resolvePropertyPlaceholders("{{recgate.data-dir}}"))
                    .resolve("recordings").resolve("over-tls.json");
            ObjectMapper json = new ObjectMapper();
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(file)
                    && json.readTree(file.toFile()).path("connectionId").asText().equals("00000000000000e1"));
            assertEquals("EventACK", desktop.request(privateService("GSIP_RECORD_STOP", "1001", "00000000000000e1", Map.of()))
                    .path("message").asText());
        }
    }

    @Test
    void aPlainClientOnTheTlsPortGetsNothing() throws Exception {
        double refusedBefore = tlsRefused();
        try (TlibTestClient plain = gateway.connectPlain()) {
            plain.sendLine(message("RequestRegisterClient").put("AttrReferenceID", 1).put("AttrApplicationName", "desktop")
                    .toString());
            plain.awaitClosed();
            assertEquals(List.of(), plain.received(), "no T-Library line for a client that does not speak TLS");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> tlsRefused() == refusedBefore + 1);
    }

    @Test
    void tls11IsRefusedByTheGateway() {
        SSLHandshakeException refused = assertThrows(SSLHandshakeException.class,
                () -> gateway.handshake(false, "TLSv1.1").close());
        // the gateway's alert: a client JVM that could not even offer TLS 1.1 would fail differently
        assertTrue(refused.getMessage().contains("protocol_version"), refused::toString);
    }

    @Test
    void aClientCertificateTheTruststoreDoesNotVouchForIsRefused() {
        // client-auth want: no certificate is fine (above), an untrusted one is not
        assertThrows(IOException.class, () -> gateway.handshake(gateway.keys().gatewayKeystore(), "TLSv1.2").close());
    }

    @Test
    void tls12IsAccepted() throws Exception {
        gateway.assertRegisters(false, "TLSv1.2");
    }
}
