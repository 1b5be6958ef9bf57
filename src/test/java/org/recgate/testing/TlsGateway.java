package org.recgate.testing;

import java.io.IOException;
import java.nio.file.Path;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.recgate.RecGate;

/**
 * The real gateway ({@link RunningGateway}) with its T-Library listener over TLS, keyed by this run's
 * {@link TestTls} keys, one per test class as an extension:
 * {@code @RegisterExtension static final TlsGateway gateway = TlsGateway.perClass("need");}
 * Its clients connect over TLS with or without the test client's certificate (docs/security.md, TLS).
 */
public final class TlsGateway implements BeforeAllCallback, AfterAllCallback {

    private final TestTls keys = TestTls.keys();
    private final RunningGateway gateway;

    private TlsGateway(String clientAuth) {
        this.gateway = RunningGateway.perClass(keys.gatewaySettings(clientAuth));
    }

    /** A gateway whose listener asks for client certificates as {@code clientAuth} says (none, want, need). */
    public static TlsGateway perClass(String clientAuth) {
        return new TlsGateway(clientAuth);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        gateway.beforeAll(context);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        gateway.afterAll(context);
    }

    public TestTls keys() {
        return keys;
    }

    public RecGate gate() {
        return gateway.gate();
    }

    public int tlibPort() {
        return gateway.tlibPort();
    }

    /** A client that does not speak TLS, on the TLS port. */
    public TlibTestClient connectPlain() throws IOException {
        return gateway.connect();
    }

    /** A T-Library client over TLS offering only {@code protocols} (none: TLS 1.3 and 1.2), its handshake done. */
    public TlibTestClient connect(boolean withCertificate, String... protocols) throws IOException {
        return TlibTestClient.over(handshake(withCertificate, protocols));
    }

    /** A client over TLS ({@link #connect}) gets a session: it registers as {@code desktop}. */
    public void assertRegisters(boolean withCertificate, String... protocols) throws IOException {
        try (TlibTestClient client = connect(withCertificate, protocols)) {
            client.registerClient("desktop", null);
        }
    }

    /** A TLS socket to the listener, its handshake done; {@link TestTls#connect(int, boolean, String...)}. */
    public SSLSocket handshake(boolean withCertificate, String... protocols) throws IOException {
        return keys.connect(gateway.tlibPort(), withCertificate, protocols);
    }

    /** The same showing the certificate of {@code keystore}; {@link TestTls#connect(int, Path, String...)}. */
    public SSLSocket handshake(Path keystore, String... protocols) throws IOException {
        return keys.connect(gateway.tlibPort(), keystore, protocols);
    }
}
