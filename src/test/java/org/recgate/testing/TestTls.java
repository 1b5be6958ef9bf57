package org.recgate.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Key pairs for the TLS tests, made when first asked for, by the JDK's keytool, in a temporary
 * folder: nothing private is in the repository. A gateway key (a certificate for {@code localhost}
 * and {@code 127.0.0.1}) and a client key, each self-signed, and a truststore for each side holding
 * the other's certificate; every file has the same random password.
 */
public final class TestTls {

    private static TestTls keys;

    private final Path dir;
    private final String password = UUID.randomUUID().toString();

    private TestTls(Path dir) {
        this.dir = dir;
    }

    /** The key pairs of this test run, made on the first call. */
    public static synchronized TestTls keys() {
        if (keys == null) {
            try {
                TestTls made = new TestTls(Files.createTempDirectory("recgate-tls"));
                made.generate("gateway", "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1", "client-trust.p12");
                made.generate("client", "CN=recgate-test-client", null, "gateway-trust.p12");
                keys = made;
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("cannot make the test key pairs with keytool", e);
            }
        }
        return keys;
    }

    /**
     * One more self-signed key pair, {@code <alias>.p12} with the run's password, made now; its
     * certificate goes into no truststore of this class (so nothing here trusts it).
     */
    public synchronized Path extraKeystore(String alias, String name, String extension) {
        Path file = dir.resolve(alias + ".p12");
        if (!Files.exists(file)) {
            try {
                generate(alias, name, extension, alias + "-trust.p12");
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("cannot make the key pair " + alias + " with keytool", e);
            }
        }
        return file;
    }

    /** A key pair in {@code <alias>.p12}, its certificate in {@code trustedBy}. */
    private void generate(String alias, String name, String extension, String trustedBy) throws IOException, InterruptedException {
        List<String> pair = new ArrayList<>(List.of("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", name, "-validity", "2", "-storetype", "PKCS12", "-keystore", file(alias + ".p12"),
                "-storepass", password, "-keypass", password));
        if (extension != null) {
            pair.addAll(List.of("-ext", extension));
        }
        keytool(pair);
        keytool(List.of("-exportcert", "-rfc", "-alias", alias, "-keystore", file(alias + ".p12"), "-storepass", password,
                "-file", file(alias + ".pem")));
        keytool(List.of("-importcert", "-noprompt", "-alias", alias, "-file", file(alias + ".pem"), "-storetype", "PKCS12",
                "-keystore", file(trustedBy), "-storepass", password));
    }

    private void keytool(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool " + arguments.get(0) + " failed: " + output);
        }
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    public String password() {
        return password;
    }

    /** The gateway's key and certificate (PKCS12). */
    public Path gatewayKeystore() {
        return dir.resolve("gateway.p12");
    }

    /** The client's key and certificate (PKCS12). */
    public Path clientKeystore() {
        return dir.resolve("client.p12");
    }

    /** The gateway's certificate, for clients to trust. */
    public Path clientTruststore() {
        return dir.resolve("client-trust.p12");
    }

    /** The client's certificate, for the gateway to trust. */
    public Path gatewayTruststore() {
        return dir.resolve("gateway-trust.p12");
    }

    /** Gateway settings for a TLS listener with these keys and {@code clientAuth} (none, want, need). */
    public Map<String, String> gatewaySettings(String clientAuth) {
        return Map.of("recgate.tlib.tls.enabled", "true",
                "recgate.tlib.tls.keystore", gatewayKeystore().toString(),
                "recgate.tlib.tls.keystore-password", password,
                "recgate.tlib.tls.truststore", gatewayTruststore().toString(),
                "recgate.tlib.tls.truststore-password", password,
                "recgate.tlib.tls.client-auth", clientAuth);
    }

    /**
     * A client context that trusts the gateway and shows the certificate of {@code keystore} (null:
     * none; {@link #gatewayKeystore} for one the gateway's truststore does not hold).
     */
    public SSLContext clientContext(Path keystore) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(clientTruststore()));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            if (keystore != null) {
                keys.init(load(keystore), password.toCharArray());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keystore != null ? new KeyManager[] {new AlwaysShown((X509KeyManager) keys.getKeyManagers()[0])}
                    : null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make the test client's TLS context", e);
        }
    }

    private KeyStore load(Path file) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    /**
     * A TLS socket to the gateway offering only {@code protocols}, its handshake done (which, in TLS
     * 1.3, does not yet say whether the gateway accepted a missing client certificate).
     */
    public SSLSocket connect(int port, boolean withCertificate, String... protocols) throws IOException {
        return connect(port, withCertificate ? clientKeystore() : null, protocols);
    }

    /** The same showing the certificate of {@code keystore} (null: none). */
    public SSLSocket connect(int port, Path keystore, String... protocols) throws IOException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        SSLSocket socket = (SSLSocket) clientContext(keystore).getSocketFactory()
                .createSocket(plain, "127.0.0.1", port, true);
        socket.setEnabledProtocols(protocols.length == 0 ? new String[] {"TLSv1.3", "TLSv1.2"} : protocols);
        socket.setSoTimeout(10_000);
        try {
            socket.startHandshake();
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        socket.setSoTimeout(0);
        return socket;
    }

    /**
     * Shows the store's one certificate whatever the gateway's CertificateRequest names: the JDK's own
     * key manager would send none whose issuer the gateway does not list, and an untrusted
     * certificate could never reach the gateway's check.
     */
    private static final class AlwaysShown extends X509ExtendedKeyManager {
        private final X509KeyManager keys;

        AlwaysShown(X509KeyManager keys) {
            this.keys = keys;
        }

        private String alias() {
            return keys.getClientAliases("EC", null)[0];
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return alias();
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return alias();
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return keys.getClientAliases(keyType, issuers);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return keys.getServerAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return keys.chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return keys.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return keys.getPrivateKey(alias);
        }
    }
}
