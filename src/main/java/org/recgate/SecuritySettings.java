package org.recgate;

import java.time.Clock;
import java.time.Duration;
import org.apache.camel.spi.PropertiesComponent;
import org.recgate.config.CredentialPolicy;
import org.recgate.session.LoginThrottle;

/**
 * The settings of who may connect (docs/security.md): where the T-Library listener is, which
 * decides the secrets the DN file may hold, and the login throttling. Read once at start-up like
 * {@link GatewaySettings}; docs/configuration.md lists the keys.
 */
record SecuritySettings(String tlibHost, int loginMaxFailures, int loginWindowMs, int loginLockoutMs) {

    static SecuritySettings from(PropertiesComponent properties) {
        return new SecuritySettings(
                GatewaySettings.required(properties, "recgate.tlib.host"),
                GatewaySettings.positiveInt(properties, "recgate.tlib.login.max-failures"),
                GatewaySettings.positiveInt(properties, "recgate.tlib.login.window-ms"),
                GatewaySettings.positiveInt(properties, "recgate.tlib.login.lockout-ms"));
    }

    CredentialPolicy credentialPolicy() {
        return new CredentialPolicy(tlibHost);
    }

    LoginThrottle loginThrottle(Clock clock) {
        return new LoginThrottle(new LoginThrottle.Limits(loginMaxFailures, Duration.ofMillis(loginWindowMs),
                Duration.ofMillis(loginLockoutMs)), clock);
    }
}
