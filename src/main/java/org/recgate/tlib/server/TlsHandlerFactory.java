package org.recgate.tlib.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.apache.camel.CamelContext;
import org.apache.camel.component.netty.DefaultChannelHandlerFactory;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

/**
 * The first handler of each T-Library connection (docs/security.md, TLS): with
 * {@code recgate.tlib.tls.enabled} a fresh {@link SslHandler} (TLS 1.3 and 1.2 only), else nothing
 * (a handler that takes itself out of the pipeline). It sits before the encoders, so every line
 * in and out, and the flush consolidation, work on plain text as without TLS.
 * <p>
 * camel-netty's own {@code ssl=true} is not used: it sets {@code needClientAuth} on every engine
 * after Camel's SSLContextParameters have configured it, which turns client-auth {@code want} into
 * {@code none}. The keys are still read by Camel's SSLContextParameters.
 */
public final class TlsHandlerFactory extends DefaultChannelHandlerFactory {

    /** The protocols offered: TLS 1.1 and older are refused whatever the JVM allows. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    private static final String PKCS12 = "PKCS12";

    private final SSLContext context;
    private final TlsSettings.ClientAuth clientAuth;

    private TlsHandlerFactory(SSLContext context, TlsSettings.ClientAuth clientAuth) {
        this.context = context;
        this.clientAuth = clientAuth;
    }

    /**
     * The factory for the settings; with TLS on, the key and trust stores are loaded now, and one
     * that cannot be read stops the start with its setting named (never its password).
     */
    public static TlsHandlerFactory create(TlsSettings settings, CamelContext camel) {
        if (!settings.enabled()) {
            return new TlsHandlerFactory(null, TlsSettings.ClientAuth.NONE);
        }
        if (settings.clientAuth() != TlsSettings.ClientAuth.NONE && settings.truststore().isEmpty()) {
            throw new IllegalArgumentException("recgate.tlib.tls.client-auth=" + settings.clientAuth().name().toLowerCase(Locale.ROOT)
                    + " checks client certificates against recgate.tlib.tls.truststore: set it to a PKCS12 file"
                    + " holding the certificates (or CA) of the clients");
        }
        SSLContextParameters parameters = new SSLContextParameters();
        parameters.setCamelContext(camel);
        KeyManagersParameters keys = new KeyManagersParameters();
        keys.setCamelContext(camel);
        keys.setKeyStore(store("recgate.tlib.tls.keystore", settings.keystore(), settings.keystorePassword(), camel));
        keys.setKeyPassword(settings.keystorePassword());
        parameters.setKeyManagers(keys);
        if (!settings.truststore().isEmpty()) {
            TrustManagersParameters trust = new TrustManagersParameters();
            trust.setCamelContext(camel);
            trust.setKeyStore(store("recgate.tlib.tls.truststore", settings.truststore(), settings.truststorePassword(), camel));
            parameters.setTrustManagers(trust);
        }
        try {
            return new TlsHandlerFactory(parameters.createSSLContext(camel), settings.clientAuth());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("recgate.tlib.tls.keystore " + settings.keystore()
                    + ": no TLS key can be used from it (" + e.getMessage() + ")", e);
        }
    }

    /** The store, loaded once here so that a wrong path or password is reported with its setting. */
    private static KeyStoreParameters store(String setting, String file, String password, CamelContext camel) {
        if (file.isEmpty()) {
            throw new IllegalArgumentException(setting + " must name a PKCS12 file when recgate.tlib.tls.enabled=true");
        }
        if (!Files.isReadable(Path.of(file))) {
            throw new IllegalArgumentException(setting + ": cannot read the PKCS12 file " + Path.of(file).toAbsolutePath());
        }
        KeyStoreParameters store = new KeyStoreParameters();
        store.setCamelContext(camel);
        store.setResource("file:" + file);
        store.setType(PKCS12);
        store.setPassword(password);
        try {
            store.createKeyStore();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException(setting + " " + file + " cannot be opened (" + e.getMessage()
                    + "): is it PKCS12, and is its password " + setting + "-password?", e);
        }
        return store;
    }

    public boolean enabled() {
        return context != null;
    }

    @Override
    public ChannelHandler newChannelHandler() {
        if (context == null) {
            return PlainTcp.INSTANCE;
        }
        return new SslHandler(serverEngine());
    }

    /** An engine for one connection: server side, only {@link #PROTOCOLS}, the client-auth setting. */
    SSLEngine serverEngine() {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setEnabledProtocols(PROTOCOLS.toArray(String[]::new));
        switch (clientAuth) {
            case NEED -> engine.setNeedClientAuth(true);
            case WANT -> engine.setWantClientAuth(true);
            case NONE -> engine.setWantClientAuth(false); // clears need too
        }
        return engine;
    }

    /** TLS off: the place of the SslHandler, emptied as soon as the connection's pipeline is built. */
    @Sharable
    private static final class PlainTcp extends ChannelHandlerAdapter {
        static final PlainTcp INSTANCE = new PlainTcp();

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            ctx.pipeline().remove(this);
        }
    }
}
