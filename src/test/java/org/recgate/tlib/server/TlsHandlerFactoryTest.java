package org.recgate.tlib.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslHandler;
import java.util.List;
import javax.net.ssl.SSLEngine;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.recgate.testing.TestTls;
import org.recgate.tlib.server.TlsSettings.ClientAuth;

/** The listener's TLS handler from the settings, with key pairs made by keytool for the test. */
class TlsHandlerFactoryTest {

    private static final TestTls KEYS = TestTls.keys();
    private final CamelContext camel = new DefaultCamelContext();

    @Test
    void everyEngineOffersTls13And12OnlyAndAsksForCertificatesAsSet() {
        SSLEngine none = factory(ClientAuth.NONE).serverEngine();
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), List.of(none.getEnabledProtocols()));
        assertFalse(none.getUseClientMode());
        assertFalse(none.getWantClientAuth() || none.getNeedClientAuth());
        SSLEngine want = factory(ClientAuth.WANT).serverEngine();
        assertTrue(want.getWantClientAuth() && !want.getNeedClientAuth());
        assertTrue(factory(ClientAuth.NEED).serverEngine().getNeedClientAuth());
    }

    @Test
    void eachConnectionGetsItsOwnSslHandler() {
        TlsHandlerFactory factory = factory(ClientAuth.NONE);
        assertTrue(factory.newChannelHandler() instanceof SslHandler);
        assertTrue(factory.newChannelHandler() != factory.newChannelHandler(), "SslHandler is not sharable");
    }

    @Test
    void withTlsOffTheHandlerLeavesThePipeline() {
        TlsHandlerFactory off = TlsHandlerFactory.create(TlsSettings.off(), camel);
        assertFalse(off.enabled());
        ChannelHandler placeholder = off.newChannelHandler();
        ChannelHandler next = new ChannelInboundHandlerAdapter();
        EmbeddedChannel channel = new EmbeddedChannel(placeholder, next);
        assertEquals(List.of(next), List.copyOf(channel.pipeline().toMap().values()));
    }

    @Test
    void aMissingKeystoreNamesTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TlsHandlerFactory.create(
                new TlsSettings(true, "/nonexistent/gw.p12", "x", "", "", ClientAuth.NONE), camel));
        assertTrue(e.getMessage().startsWith("recgate.tlib.tls.keystore: cannot read"), e.getMessage());
    }

    @Test
    void aWrongPasswordNamesTheSettingButNotThePassword() {
        String wrong = "not-the-password-4711";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TlsHandlerFactory.create(
                new TlsSettings(true, KEYS.gatewayKeystore().toString(), wrong, "", "", ClientAuth.NONE), camel));
        assertTrue(e.getMessage().contains("recgate.tlib.tls.keystore-password"), e.getMessage());
        assertFalse(e.getMessage().contains(wrong), e.getMessage());
    }

    @Test
    void clientCertificatesNeedATruststore() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TlsHandlerFactory.create(
                new TlsSettings(true, KEYS.gatewayKeystore().toString(), KEYS.password(), "", "", ClientAuth.NEED), camel));
        assertTrue(e.getMessage().contains("recgate.tlib.tls.truststore"), e.getMessage());
    }

    @Test
    void theSettingsPrintWithoutPasswords() {
        TlsSettings settings = new TlsSettings(true, "gw.p12", "secret-1", "trust.p12", "secret-2", ClientAuth.WANT);
        assertEquals("TLS (keystore gw.p12, truststore trust.p12, client-auth want)", settings.toString());
        assertEquals("plain TCP", TlsSettings.off().toString());
    }

    @Test
    void clientAuthIsNoneWantOrNeed() {
        assertEquals(ClientAuth.NEED, ClientAuth.parse(" Need "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClientAuth.parse("required"));
        assertEquals("recgate.tlib.tls.client-auth must be none, want or need, not 'required'", e.getMessage());
    }

    private TlsHandlerFactory factory(ClientAuth clientAuth) {
        return TlsHandlerFactory.create(new TlsSettings(true, KEYS.gatewayKeystore().toString(), KEYS.password(),
                KEYS.gatewayTruststore().toString(), KEYS.password(), clientAuth), camel);
    }
}
