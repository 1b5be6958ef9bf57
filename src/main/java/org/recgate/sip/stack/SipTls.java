package org.recgate.sip.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The key material of SIP over TLS toward recorders (docs/security.md, SIP side): the
 * gateway's key and certificate (shown to recorders it connects to, and on its own TLS listening
 * point) and the certificates that vouch for recorders. PKCS12 files; passwords are never logged
 * and never in an error message.
 *
 * @param keystore           PKCS12 file with the gateway's private key and certificate chain
 * @param keystorePassword   its password (also the key's)
 * @param truststore         PKCS12 file with the recorders' certificates or their CA; empty: the JDK's CAs
 * @param truststorePassword its password
 */
public record SipTls(String keystore, String keystorePassword, String truststore, String truststorePassword) {

    /** TLS 1.3 and 1.2 only, whatever the JVM would allow. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /**
     * The context: key managers from the keystore, trust managers from the truststore (or the
     * JDK's). A store that cannot be read or opened stops the start with its setting named.
     */
    public SSLContext context() {
        if (keystore == null || keystore.isBlank()) {
            throw new IllegalArgumentException("recgate.sip.tls.keystore must name a PKCS12 file (the gateway's key"
                    + " and certificate) when recgate.sip.transport=tls");
        }
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load("recgate.sip.tls.keystore", keystore, keystorePassword), chars(keystorePassword));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(truststore == null || truststore.isBlank() ? null
                    : load("recgate.sip.tls.truststore", truststore, truststorePassword));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("recgate.sip.tls.keystore " + keystore + ": no TLS key can be used from it ("
                    + e.getMessage() + ")", e);
        }
    }

    private static KeyStore load(String setting, String file, String password) {
        Path path = Path.of(file);
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException(setting + ": cannot read the PKCS12 file " + path.toAbsolutePath());
        }
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, chars(password));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException(setting + " " + file + " cannot be opened (" + e.getMessage()
                    + "): is it PKCS12, and is its password " + setting + "-password?", e);
        }
    }

    private static char[] chars(String password) {
        return password == null ? new char[0] : password.toCharArray();
    }

    /** The files, never the passwords. */
    @Override
    public String toString() {
        return "TLS (keystore " + keystore + ", truststore "
                + (truststore == null || truststore.isBlank() ? "the JDK's CAs" : truststore) + ")";
    }
}
