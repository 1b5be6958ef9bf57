package org.recgate;

import java.time.Clock;
import java.time.Duration;
import org.apache.camel.spi.PropertiesComponent;
import org.recgate.config.CredentialPolicy;
import org.recgate.session.LoginThrottle;

/**
 * The settings of who may connect (docs/security.md): where the T-Library listener and the REST API are, which
 * decides the secrets the DN file may hold, and the login throttling. Read once at start-up like
 * {@link GatewaySettings}; docs/configuration.md lists the keys.
 */
record SecuritySettings(String tlibHost, String apiHost, int loginMaxFailures, int loginWindowMs, int loginLockoutMs) {

    static SecuritySettings from(PropertiesComponent properties) {
        return new SecuritySettings(
                GatewaySettings.required(properties, "recgate.tlib.host"),
                apiHost(properties),
                GatewaySettings.positiveInt(properties, "recgate.tlib.login.max-failures"),
                GatewaySettings.positiveInt(properties, "recgate.tlib.login.window-ms"),
                GatewaySettings.positiveInt(properties, "recgate.tlib.login.lockout-ms"));
    }

    CredentialPolicy credentialPolicy() {
        return CredentialPolicy.forListeners(tlibHost, apiHost);
    }

    /** The REST API's host (it takes the DN file's passwords too); null when the API is off. */
    static String apiHost(PropertiesComponent properties) {
        boolean enabled = !"false".equalsIgnoreCase(properties.resolveProperty("recgate.api.enabled").map(String::trim).orElse("true"));
        return enabled ? properties.resolveProperty("recgate.api.host").map(String::trim).orElse("127.0.0.1") : null;
    }

    LoginThrottle loginThrottle(Clock clock) {
        return new LoginThrottle(new LoginThrottle.Limits(loginMaxFailures, Duration.ofMillis(loginWindowMs),
                Duration.ofMillis(loginLockoutMs)), clock);
    }
}
