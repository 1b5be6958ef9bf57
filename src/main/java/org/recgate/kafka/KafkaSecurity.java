package org.recgate.kafka;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

/**
 * How every Kafka client of the gateway authenticates and encrypts (docs/security.md, Kafka):
 * the camel-kafka producers and the call-events consumer (application.properties maps the keys to
 * {@code camel.component.kafka.*}), the health check's admin client, the CLI's {@code watch-topic}
 * and {@code recordings}, and the benchmark ({@link #clientProperties()}). Read from the {@code recgate.kafka.*} keys;
 * {@link #toString()} leaves the secrets out, so it may be logged.
 */
public record KafkaSecurity(String protocol, String saslMechanism, String saslJaasConfig, Store truststore,
                            Store keystore) {

    public static final String PROTOCOL = "recgate.kafka.security-protocol";
    public static final String SASL_MECHANISM = "recgate.kafka.sasl-mechanism";
    public static final String SASL_JAAS_CONFIG = "recgate.kafka.sasl-jaas-config";
    public static final String TRUSTSTORE_LOCATION = "recgate.kafka.ssl-truststore-location";
    public static final String TRUSTSTORE_PASSWORD = "recgate.kafka.ssl-truststore-password";
    public static final String TRUSTSTORE_TYPE = "recgate.kafka.ssl-truststore-type";
    public static final String KEYSTORE_LOCATION = "recgate.kafka.ssl-keystore-location";
    public static final String KEYSTORE_PASSWORD = "recgate.kafka.ssl-keystore-password";
    public static final String KEYSTORE_TYPE = "recgate.kafka.ssl-keystore-type";

    /** Every key, for tools that read them from the environment themselves (the CLI). */
    public static final List<String> KEYS = List.of(PROTOCOL, SASL_MECHANISM, SASL_JAAS_CONFIG, TRUSTSTORE_LOCATION,
            TRUSTSTORE_PASSWORD, TRUSTSTORE_TYPE, KEYSTORE_LOCATION, KEYSTORE_PASSWORD, KEYSTORE_TYPE);

    static final List<String> PROTOCOLS = List.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    static final List<String> MECHANISMS = List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");
    private static final List<String> STORE_TYPES = List.of("PKCS12", "JKS");

    /** What a client without any of the keys gets (also application.properties' defaults). */
    public static final KafkaSecurity PLAINTEXT = from(key -> null);

    /** A key store of the SSL side: its file (empty: none), password and type; its text leaves the password out. */
    public record Store(String location, String password, String type) {
        boolean given() {
            return !location.isEmpty();
        }

        @Override
        public String toString() {
            return given() ? type + " " + location : "none";
        }
    }

    /**
     * The settings from {@code setting} (a key's value, or null / empty when not set: the default).
     * A value that cannot work is refused with an {@link IllegalArgumentException} naming the key
     * and the fix, never a secret's value.
     */
    public static KafkaSecurity from(Function<String, String> setting) {
        String protocol = choice(setting, PROTOCOL, "PLAINTEXT", PROTOCOLS);
        String mechanism = choice(setting, SASL_MECHANISM, "PLAIN", MECHANISMS);
        String jaas = value(setting, SASL_JAAS_CONFIG, "");
        if (protocol.startsWith("SASL_") && jaas.isEmpty()) {
            throw new IllegalArgumentException(PROTOCOL + "=" + protocol + " needs " + SASL_JAAS_CONFIG
                    + " (the gateway's user and password, e.g. from the environment variable RECGATE_KAFKA_SASL_JAAS_CONFIG):"
                    + " org.apache.kafka.common.security.plain.PlainLoginModule required username=\"…\" password=\"…\";"
                    + " (ScramLoginModule for SCRAM-SHA-256/512)");
        }
        boolean ssl = protocol.endsWith("SSL");
        Store truststore = store(setting, TRUSTSTORE_LOCATION, TRUSTSTORE_PASSWORD, TRUSTSTORE_TYPE, ssl);
        Store keystore = store(setting, KEYSTORE_LOCATION, KEYSTORE_PASSWORD, KEYSTORE_TYPE, ssl);
        return new KafkaSecurity(protocol, mechanism, jaas, truststore, keystore);
    }

    /** The same from the JVM's system properties, then the environment (upper case, dots and dashes as {@code _}). */
    public static KafkaSecurity fromSystem() {
        return from(KafkaSecurity::systemSetting);
    }

    /** A {@code recgate.*} key's value from a system property, else its environment variable; null when neither is set. */
    public static String systemSetting(String key) {
        String value = System.getProperty(key);
        return value != null ? value : System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
    }

    private static String value(Function<String, String> setting, String key, String fallback) {
        String value = setting.apply(key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static String choice(Function<String, String> setting, String key, String fallback, List<String> allowed) {
        String value = value(setting, key, fallback).toUpperCase(Locale.ROOT);
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException(key + " is '" + value + "': use " + String.join(", ", allowed));
        }
        return value;
    }

    /** {@code used}: the protocol is SSL or SASL_SSL, so a file that cannot be read stops the start. */
    private static Store store(Function<String, String> setting, String locationKey, String passwordKey, String typeKey,
                               boolean used) {
        String location = value(setting, locationKey, "");
        String type = choice(setting, typeKey, "PKCS12", STORE_TYPES);
        if (used && !location.isEmpty() && !Files.isReadable(Path.of(location))) {
            throw new IllegalArgumentException(locationKey + ": cannot read " + Path.of(location).toAbsolutePath());
        }
        // a store's password is a secret: kept as given (spaces included), never trimmed into the message
        String password = setting.apply(passwordKey);
        return new Store(location, password == null ? "" : password, type);
    }

    public boolean plaintext() {
        return "PLAINTEXT".equals(protocol);
    }

    private boolean sasl() {
        return protocol.startsWith("SASL_");
    }

    private boolean ssl() {
        return protocol.endsWith("SSL");
    }

    /**
     * The Kafka client properties for these settings (admin clients, consumers of the CLI and the
     * benchmark): {@code security.protocol} always, the SASL ones with a {@code SASL_*} protocol,
     * the stores given with an SSL one. Holds the secrets: never log it.
     */
    public Map<String, Object> clientProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol);
        if (sasl()) {
            properties.put(SaslConfigs.SASL_MECHANISM, saslMechanism);
            properties.put(SaslConfigs.SASL_JAAS_CONFIG, saslJaasConfig);
        }
        if (ssl() && truststore.given()) {
            properties.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, truststore.location());
            properties.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, truststore.type());
            if (!truststore.password().isEmpty()) {
                properties.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, truststore.password());
            }
        }
        if (ssl() && keystore.given()) {
            properties.put(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, keystore.location());
            properties.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, keystore.type());
            properties.put(SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, keystore.password());
        }
        return properties;
    }

    /** {@code clientProperties()} with {@code extra} on top (the client's own settings). */
    public Map<String, Object> clientProperties(Map<String, Object> extra) {
        Map<String, Object> properties = clientProperties();
        properties.putAll(extra);
        return properties;
    }

    /** For the log: the protocol, the mechanism and the stores' files; no secret. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(protocol);
        List<String> details = new java.util.ArrayList<>();
        if (sasl()) {
            details.add("SASL " + saslMechanism);
        }
        if (ssl()) {
            details.add(truststore.given() ? "truststore " + truststore.location() : "the JVM's trusted CAs");
            if (keystore.given()) {
                details.add("keystore " + keystore.location());
            }
        }
        return details.isEmpty() ? text.toString() : text.append(" (").append(String.join(", ", details)).append(')').toString();
    }
}
