package org.recgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.recgate.cli.TlibCliIT.Cli;
import org.recgate.testing.TestTls;
import org.recgate.testing.TlsGateway;

/**
 * The real CLI with {@code --tls} (docs/cli.md, TLS) against a gateway that requires client
 * certificates: with its truststore and client keystore it registers; without the client
 * certificate, without trusting the gateway, or without TLS it never gets a session (status 2).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TlibCliTlsIT {

    @RegisterExtension
    static final TlsGateway gateway = TlsGateway.perClass("need");
    private static final TestTls KEYS = gateway.keys();

    @TempDir
    Path dir;

    @Test
    void withTheTruststoreAndAClientCertificateItRegisters() throws Exception {
        Cli cli = run("--tls", "--truststore", KEYS.clientTruststore().toString(), "--truststore-password", KEYS.password(),
                "--keystore", KEYS.clientKeystore().toString(), "--keystore-password", KEYS.password());
        assertEquals(TlibCli.OK, cli.status(), cli.err());
        assertEquals("EventServerInfo", cli.reply(1).path("message").asText());
        assertEquals("EventRegistered", cli.reply(2).path("message").asText());
    }

    @Test
    void withoutAClientCertificateItGetsNoSession() throws Exception {
        Cli cli = run("--tls", "--truststore", KEYS.clientTruststore().toString(), "--truststore-password", KEYS.password());
        assertEquals(TlibCli.USAGE_OR_CONNECTION, cli.status(), cli.err());
        assertEquals("", cli.out(), "no event from the gateway");
    }

    @Test
    void aGatewayCertificateNotInTheTruststoreIsRefused() throws Exception {
        // the JVM's CAs do not vouch for the test gateway's self-signed certificate
        Cli cli = run("--tls", "--keystore", KEYS.clientKeystore().toString(), "--keystore-password", KEYS.password());
        assertEquals(TlibCli.USAGE_OR_CONNECTION, cli.status(), cli.err());
        assertTrue(cli.err().contains("cannot connect"), cli.err());
    }

    @Test
    void withoutTlsTheTlsPortAnswersNothing() throws Exception {
        Cli cli = run("--timeout-ms", "2000");
        assertEquals(TlibCli.USAGE_OR_CONNECTION, cli.status(), cli.err());
        assertEquals("", cli.out(), "no event from the gateway");
    }

    @Test
    void storeOptionsWithoutTlsAreAUsageError() {
        Cli cli = Cli.run(InputStream.nullInputStream(), "--truststore", "x.p12");
        assertEquals(TlibCli.USAGE_OR_CONNECTION, cli.status());
        assertTrue(cli.err().contains("--truststore is for TLS connections: add --tls"), cli.err());
    }

    /** The CLI with {@code options}, registering 1001 from a file. */
    private Cli run(String... options) throws Exception {
        Path file = Files.writeString(dir.resolve("requests.txt"), "register 1001\n");
        return Cli.run(InputStream.nullInputStream(), Stream.concat(Stream.of("--port", Integer.toString(gateway.tlibPort()),
                "--file", file.toString(), "--wait-ms", "0"), Stream.of(options)).toArray(String[]::new));
    }
}
