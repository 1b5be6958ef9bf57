package org.recgate.security;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recgate.testing.Recordings.establish;
import static org.recgate.testing.Recordings.privateService;
import static org.recgate.testing.TlibTestClient.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.recgate.sip.TlsRecorder;
import org.recgate.testing.FreePorts;
import org.recgate.testing.RunningGateway;
import org.recgate.testing.TestTls;
import org.recgate.testing.TlibTestClient;

/**
 * SIP over TLS toward recorders through the real gateway (docs/security.md, SIP side),
 * with a JAIN-SIP recorder over TLS ({@link TlsRecorder}; the sipp here has no TLS). The key pairs
 * are made by keytool when the test runs ({@link TestTls}): the gateway shows the "client"
 * certificate, and trusts the "gateway" one (which names localhost and 127.0.0.1) and the "client"
 * one (which names neither). A recorder must show a certificate the gateway trusts that names the
 * address of its URI; one that does not gets nothing, not even the INVITE.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SipTlsIT {

    private static final AtomicInteger CALLS = new AtomicInteger(0xf0);
    private static TestTls keys;
    private static RunningGateway gateway;

    @BeforeAll
    static void startGateway() throws Exception {
        keys = TestTls.keys();
        Path trusted = Files.createTempDirectory("recgate-sip-trust").resolve("recorders.p12");
        merge(List.of(keys.clientTruststore(), keys.gatewayTruststore()), trusted);
        gateway = RunningGateway.start(Map.of(
                "recgate.recorder.uri", "sips:nobody@127.0.0.1:" + FreePorts.tcp(),
                "recgate.recorder.allowed-hosts", "127.0.0.1",
                "recgate.recorder.timeout-ms", "5000",
                "recgate.sip.transport", "tls",
                "recgate.sip.port", Integer.toString(FreePorts.tcp()),
                "recgate.sip.tls.keystore", keys.clientKeystore().toString(),
                "recgate.sip.tls.keystore-password", keys.password(),
                "recgate.sip.tls.truststore", trusted.toString(),
                "recgate.sip.tls.truststore-password", keys.password()));
    }

    @AfterAll
    static void stopGateway() throws Exception {
        gateway.close();
    }

    /** One truststore holding the certificates of several. */
    private static void merge(List<Path> stores, Path into) throws Exception {
        KeyStore merged = KeyStore.getInstance("PKCS12");
        merged.load(null, null);
        for (Path store : stores) {
            KeyStore one = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                one.load(in, keys.password().toCharArray());
            }
            for (String alias : Collections.list(one.aliases())) {
                merged.setCertificateEntry(alias, one.getCertificate(alias));
            }
        }
        try (OutputStream out = Files.newOutputStream(into)) {
            merged.store(out, keys.password().toCharArray());
        }
    }

    private static JsonNode start(TlibTestClient desktop, String call, String dest) throws Exception {
        return desktop.request(privateService("GSIP_RECORD_START", "1001", call, Map.of("dest", dest)));
    }

    @Test
    void aTlsRecorderRecordsAndEveryRequestGoesOverTls() throws Exception {
        String call = String.format("%016x", CALLS.incrementAndGet());
        try (TlsRecorder recorder = new TlsRecorder(keys.gatewayKeystore(), keys.gatewayTruststore(), keys.password());
             TlibTestClient feed = gateway.connectAs("switch");
             TlibTestClient desktop = gateway.connectAs("desktop")) {
            desktop.register("1001", null);
            establish(feed, call, "1001", "5000");
            JsonNode ack = start(desktop, call, recorder.uri());
            assertEquals("EventACK", ack.path("message").asText(), ack::toString);
            JsonNode info = desktop.request(message("RequestQueryCall").put("AttrConnectionID", call));
            assertEquals("On", info.path("AttrUserData").path("GSIP_RECORD").asText(), info::toString);
            assertEquals("EventACK", desktop.request(privateService("GSIP_RECORD_STOP", "1001", call, Map.of()))
                    .path("message").asText());
            await().atMost(Duration.ofSeconds(10)).until(() -> recorder.received().contains("BYE/TLS"));
            assertEquals(List.of("INVITE/TLS", "ACK/TLS", "BYE/TLS"), recorder.received());
        }
    }

    @Test
    void aRecorderWhoseCertificateDoesNotNameItsAddressGetsNothing() throws Exception {
        // trusted by the gateway, but the certificate names neither 127.0.0.1 nor localhost
        assertRefused(keys.clientKeystore());
    }

    @Test
    void aRecorderWithACertificateNobodyVouchesForGetsNothing() throws Exception {
        // names 127.0.0.1, but no truststore of the gateway holds it
        assertRefused(keys.extraKeystore("stranger", "CN=stranger", "SAN=dns:localhost,ip:127.0.0.1"));
    }

    private void assertRefused(Path recorderKeystore) throws Exception {
        String call = String.format("%016x", CALLS.incrementAndGet());
        try (TlsRecorder recorder = new TlsRecorder(recorderKeystore, keys.gatewayTruststore(), keys.password());
             TlibTestClient feed = gateway.connectAs("switch");
             TlibTestClient desktop = gateway.connectAs("desktop")) {
            desktop.register("1001", null);
            establish(feed, call, "1001", "5000");
            JsonNode error = start(desktop, call, recorder.uri());
            assertEquals(58, error.path("AttrErrorCode").asInt(), error::toString);
            assertEquals(List.of(), recorder.received(), "not a byte of SIP reached it");
        }
    }

    @Test
    void withTlsNoDestinationMayAskForAnotherTransport() throws Exception {
        String call = String.format("%016x", CALLS.incrementAndGet());
        try (TlibTestClient feed = gateway.connectAs("switch");
             TlibTestClient desktop = gateway.connectAs("desktop")) {
            desktop.register("1001", null);
            establish(feed, call, "1001", "5000");
            for (String plain : List.of("sip:srs@127.0.0.1:5070;transport=udp", "sip:srs@127.0.0.1:5070;transport=tcp")) {
                JsonNode error = start(desktop, call, plain);
                assertEquals(2004, error.path("AttrErrorCode").asInt(), error::toString);
                assertTrue(error.path("AttrErrorMessage").asText().contains("transport"), error::toString);
            }
        }
    }
}
