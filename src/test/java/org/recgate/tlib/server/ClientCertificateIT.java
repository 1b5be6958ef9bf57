package org.recgate.tlib.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.recgate.testing.RunningGateway;
import org.recgate.testing.TestTls;
import org.recgate.testing.TlibTestClient;

/** {@code recgate.tlib.tls.client-auth=need} (docs/security.md, TLS): no trusted client certificate, no session. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ClientCertificateIT {

    private static final TestTls KEYS = TestTls.keys();

    @RegisterExtension
    static final RunningGateway gateway = RunningGateway.perClass(KEYS.gatewaySettings("need"));

    @Test
    void aClientWithItsCertificateRegisters() throws Exception {
        try (TlibTestClient client = TlibTestClient.over(KEYS.connect(gateway.tlibPort(), true))) {
            client.registerClient("desktop", null);
        }
    }

    @Test
    void withoutACertificateTls12FailsTheHandshake() throws Exception {
        // the gateway's alert, or its close while the client still writes its last handshake flight
        assertThrows(IOException.class, () -> KEYS.connect(gateway.tlibPort(), false, "TLSv1.2").close());
        try (TlibTestClient client = TlibTestClient.over(KEYS.connect(gateway.tlibPort(), true, "TLSv1.2"))) {
            client.registerClient("desktop", null); // with the certificate the same handshake succeeds
        }
    }

    @Test
    void withoutACertificateTls13IsClosedBeforeAnyLine() throws Exception {
        // in TLS 1.3 the client's side of the handshake ends before the gateway has judged its certificate
        try (TlibTestClient client = TlibTestClient.over(KEYS.connect(gateway.tlibPort(), false, "TLSv1.3"))) {
            client.awaitClosed();
            assertEquals(List.of(), client.received());
        }
    }
}
