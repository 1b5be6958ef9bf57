package org.recgate.tlib.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.recgate.testing.TlibTestClient;
import org.recgate.testing.TlsGateway;

/** {@code recgate.tlib.tls.client-auth=need} (docs/security.md, TLS): no trusted client certificate, no session. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ClientCertificateIT {

    @RegisterExtension
    static final TlsGateway gateway = TlsGateway.perClass("need");

    @Test
    void aClientWithItsCertificateRegisters() throws Exception {
        gateway.assertRegisters(true);
    }

    @Test
    void withoutACertificateTls12FailsTheHandshake() throws Exception {
        // the gateway's alert, or its close while the client still writes its last handshake flight
        assertThrows(IOException.class, () -> gateway.handshake(false, "TLSv1.2").close());
        gateway.assertRegisters(true, "TLSv1.2"); // with the certificate the same handshake succeeds
    }

    @Test
    void withoutACertificateTls13IsClosedBeforeAnyLine() throws Exception {
        // in TLS 1.3 the client's side of the handshake ends before the gateway has judged its certificate
        try (TlibTestClient client = gateway.connect(false, "TLSv1.3")) {
            client.awaitClosed();
            assertEquals(List.of(), client.received());
        }
    }
}
