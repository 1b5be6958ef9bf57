package org.recgate.tlib.server;

import java.util.Locale;

/**
 * The T-Library listener's TLS settings ({@code recgate.tlib.tls.*}, docs/security.md, TLS).
 * {@link #toString} leaves the passwords out, so the settings can be logged.
 *
 * @param keystore   the gateway's key and certificate chain, a PKCS12 file; the key's password is the file's
 * @param truststore the certificates client certificates are checked against (PKCS12); empty: none
 */
public record TlsSettings(boolean enabled, String keystore, String keystorePassword, String truststore,
                          String truststorePassword, ClientAuth clientAuth) {

    /** Whether clients must show a certificate ({@code recgate.tlib.tls.client-auth}). */
    public enum ClientAuth {
        /** None is asked for. */
        NONE,
        /** Asked for; a client without one is still accepted, a client with a bad one is not. */
        WANT,
        /** Required: a client without a certificate the truststore vouches for is refused. */
        NEED;

        public static ClientAuth parse(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "recgate.tlib.tls.client-auth must be none, want or need, not '" + value + "'");
            }
        }
    }

    /** TLS off: the listener speaks plain TCP. */
    public static TlsSettings off() {
        return new TlsSettings(false, "", "", "", "", ClientAuth.NONE);
    }

    @Override
    public String toString() {
        return enabled ? "TLS (keystore " + keystore + ", truststore " + (truststore.isEmpty() ? "none" : truststore)
                + ", client-auth " + clientAuth.name().toLowerCase(Locale.ROOT) + ")" : "plain TCP";
    }
}
