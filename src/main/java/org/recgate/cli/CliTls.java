package org.recgate.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * {@code --tls} (docs/cli.md, TLS): the gateway's certificate is checked against {@code --truststore}
 * (else the JVM's default CAs) and must name the host connected to; {@code --keystore} holds a client
 * certificate for a gateway that asks for one. TLS 1.3 and 1.2 only, like the gateway.
 *
 * @param truststore null: the JVM's default trust
 * @param keystore   null: no client certificate
 */
record CliTls(String truststore, String truststorePassword, String keystore, String keystorePassword) {

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    /** Wraps a connected socket in TLS and completes the handshake within {@code timeoutMillis}. */
    SSLSocket wrap(Socket connected, String host, int port, int timeoutMillis) throws IOException {
        SSLContext context;
        try {
            context = SSLContext.getInstance("TLS");
            context.init(keyManagers(), trustManagers(), null);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(connected, host, port, true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setProtocols(PROTOCOLS);
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(timeoutMillis);
        socket.startHandshake();
        socket.setSoTimeout(0);
        return socket;
    }

    private TrustManager[] trustManagers() throws GeneralSecurityException, IOException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(truststore == null ? null : load("--truststore", truststore, truststorePassword));
        return factory.getTrustManagers();
    }

    private KeyManager[] keyManagers() throws GeneralSecurityException, IOException {
        if (keystore == null) {
            return null;
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(load("--keystore", keystore, keystorePassword), chars(keystorePassword));
        return factory.getKeyManagers();
    }

    /** A PKCS12 (or JKS) file; its errors name the option, not the password. */
    private static KeyStore load(String option, String file, String password) throws IOException {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, chars(password));
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IOException(option + " " + file + ": " + e.getMessage(), e);
        }
    }

    private static char[] chars(String password) {
        return password == null ? new char[0] : password.toCharArray();
    }
}
