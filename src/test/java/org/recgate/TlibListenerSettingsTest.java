package org.recgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.junit.jupiter.api.Test;
import org.recgate.config.Role;
import org.recgate.tlib.server.TlsSettings;

/** The listener's TLS and limit settings as application.properties and overrides give them. */
class TlibListenerSettingsTest {

    @Test
    void theShippedDefaults() {
        TlibListenerSettings settings = TlibListenerSettings.from(properties(Map.of()));
        assertFalse(settings.tls().enabled());
        assertEquals(2000, settings.maxConnections());
        assertEquals(10_000, settings.registerTimeoutMs());
        assertEquals(200, settings.maxRequestsPerSecond());
        assertEquals(400, settings.maxRequestBurst());
        assertEquals(500, settings.maxDnsPerClient());
        assertEquals(Map.of(Role.VENDOR, 10_000), settings.maxDnsByRole());
    }

    @Test
    void tlsSettingsKeepPasswordsAsGiven() {
        TlsSettings tls = TlibListenerSettings.from(properties(Map.of("recgate.tlib.tls.enabled", "true",
                "recgate.tlib.tls.keystore", "gw.p12", "recgate.tlib.tls.keystore-password", " p w ",
                "recgate.tlib.tls.client-auth", "want", "recgate.tlib.max-dns-per-client.supervisor", "900"))).tls();
        assertEquals(new TlsSettings(true, "gw.p12", " p w ", "", "", TlsSettings.ClientAuth.WANT), tls);
    }

    @Test
    void badValuesNameTheirSetting() {
        assertEquals("the setting recgate.tlib.tls.enabled must be true or false, not 'yes'",
                assertThrows(IllegalArgumentException.class, () -> TlibListenerSettings.from(
                        properties(Map.of("recgate.tlib.tls.enabled", "yes")))).getMessage());
        assertEquals("the setting recgate.tlib.max-dns-per-client.desktop must be a positive integer, not '0'",
                assertThrows(IllegalArgumentException.class, () -> TlibListenerSettings.from(
                        properties(Map.of("recgate.tlib.max-dns-per-client.desktop", "0")))).getMessage());
    }

    private static PropertiesComponent properties(Map<String, String> overrides) {
        DefaultCamelContext camel = new DefaultCamelContext();
        PropertiesComponent properties = camel.getPropertiesComponent();
        properties.setLocation("classpath:application.properties");
        Properties given = new Properties();
        given.putAll(new HashMap<>(overrides));
        properties.setOverrideProperties(given);
        return properties;
    }
}
