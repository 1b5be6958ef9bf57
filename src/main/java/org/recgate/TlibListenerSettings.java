package org.recgate;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.spi.PropertiesComponent;
import org.recgate.config.Role;
import org.recgate.tlib.server.TlsSettings;

/**
 * The T-Library listener's TLS and limits ({@code recgate.tlib.tls.*}, {@code recgate.tlib.max-*},
 * {@code recgate.tlib.register-timeout-ms}; docs/security.md), read once at start-up
 * like {@link GatewaySettings}.
 *
 * @param maxDnsByRole the roles given a DN limit of their own ({@code recgate.tlib.max-dns-per-client.<role>})
 */
record TlibListenerSettings(TlsSettings tls, int maxConnections, int registerTimeoutMs, int maxRequestsPerSecond,
                            int maxRequestBurst, int maxDnsPerClient, Map<Role, Integer> maxDnsByRole) {

    private static final String DNS_PER_CLIENT = "recgate.tlib.max-dns-per-client";

    static TlibListenerSettings from(PropertiesComponent properties) {
        Map<Role, Integer> byRole = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            String key = DNS_PER_CLIENT + "." + role.wireName();
            if (!GatewaySettings.optional(properties, key).isEmpty()) {
                byRole.put(role, GatewaySettings.positiveInt(properties, key));
            }
        }
        return new TlibListenerSettings(tls(properties),
                GatewaySettings.positiveInt(properties, "recgate.tlib.max-connections"),
                GatewaySettings.positiveInt(properties, "recgate.tlib.register-timeout-ms"),
                GatewaySettings.positiveInt(properties, "recgate.tlib.max-requests-per-second"),
                GatewaySettings.positiveInt(properties, "recgate.tlib.max-request-burst"),
                GatewaySettings.positiveInt(properties, DNS_PER_CLIENT),
                Map.copyOf(byRole));
    }

    private static TlsSettings tls(PropertiesComponent properties) {
        if (!flag(properties, "recgate.tlib.tls.enabled")) {
            return TlsSettings.off();
        }
        return new TlsSettings(true,
                GatewaySettings.optional(properties, "recgate.tlib.tls.keystore"),
                password(properties, "recgate.tlib.tls.keystore-password"),
                GatewaySettings.optional(properties, "recgate.tlib.tls.truststore"),
                password(properties, "recgate.tlib.tls.truststore-password"),
                TlsSettings.ClientAuth.parse(GatewaySettings.required(properties, "recgate.tlib.tls.client-auth")));
    }

    /** A password as given: spaces at either end are part of it. */
    private static String password(PropertiesComponent properties, String key) {
        return properties.resolveProperty(key).orElse("");
    }

    private static boolean flag(PropertiesComponent properties, String key) {
        String value = GatewaySettings.required(properties, key).toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("the setting " + key + " must be true or false, not '" + value + "'");
        }
        return value.equals("true");
    }
}
