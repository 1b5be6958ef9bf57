package org.recgate.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recgate.kafka.* security keys → Kafka client properties (docs/security.md, Kafka): the
 * defaults, what each protocol passes on, the settings that cannot work, and no secret in what may
 * be logged. Against a SASL broker: KafkaSaslIT.
 */
class KafkaSecurityTest {

    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required"
            + " username=\"gw\" password=\"s3cret-jaas\";";

    @TempDir
    Path dir;

    private static KafkaSecurity of(Map<String, String> settings) {
        return KafkaSecurity.from(settings::get);
    }

    @Test
    void nothingSetIsPlaintextWithNothingElse() {
        assertEquals(Map.of("security.protocol", "PLAINTEXT"), KafkaSecurity.PLAINTEXT.clientProperties());
        assertEquals(Map.of("security.protocol", "PLAINTEXT"),
                of(Map.of(KafkaSecurity.PROTOCOL, "", KafkaSecurity.SASL_JAAS_CONFIG, "")).clientProperties());
        assertEquals("PLAINTEXT", KafkaSecurity.PLAINTEXT.toString());
    }

    @Test
    void saslPassesTheMechanismAndTheJaasLine() {
        KafkaSecurity security = of(Map.of(KafkaSecurity.PROTOCOL, "sasl_plaintext",
                KafkaSecurity.SASL_MECHANISM, "SCRAM-SHA-512", KafkaSecurity.SASL_JAAS_CONFIG, JAAS));
        assertEquals(Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", JAAS), security.clientProperties());
        assertEquals("SASL_PLAINTEXT (SASL SCRAM-SHA-512)", security.toString());
    }

    @Test
    void sslPassesTheStoresAndTheirPasswords() throws Exception {
        Path trust = Files.writeString(dir.resolve("trust.p12"), "x");
        Path keys = Files.writeString(dir.resolve("keys.p12"), "x");
        Map<String, String> settings = new HashMap<>();
        settings.put(KafkaSecurity.PROTOCOL, "SASL_SSL");
        settings.put(KafkaSecurity.SASL_JAAS_CONFIG, JAAS);
        settings.put(KafkaSecurity.TRUSTSTORE_LOCATION, trust.toString());
        settings.put(KafkaSecurity.TRUSTSTORE_PASSWORD, "trust-pw");
        settings.put(KafkaSecurity.KEYSTORE_LOCATION, keys.toString());
        settings.put(KafkaSecurity.KEYSTORE_PASSWORD, "key-pw");
        settings.put(KafkaSecurity.KEYSTORE_TYPE, "jks");
        KafkaSecurity security = of(settings);
        Map<String, Object> properties = security.clientProperties();
        assertEquals("SASL_SSL", properties.get("security.protocol"));
        assertEquals("PLAIN", properties.get("sasl.mechanism"), "the default mechanism");
        assertEquals(trust.toString(), properties.get("ssl.truststore.location"));
        assertEquals("trust-pw", properties.get("ssl.truststore.password"));
        assertEquals("PKCS12", properties.get("ssl.truststore.type"));
        assertEquals(keys.toString(), properties.get("ssl.keystore.location"));
        assertEquals("key-pw", properties.get("ssl.keystore.password"));
        assertEquals("JKS", properties.get("ssl.keystore.type"));
        String logged = security.toString();
        assertTrue(logged.contains(trust.toString()) && logged.contains(keys.toString()), logged);
        for (String secret : new String[] {"s3cret-jaas", "trust-pw", "key-pw", "PlainLoginModule"}) {
            assertFalse(logged.contains(secret), "no secret in " + logged);
        }
    }

    @Test
    void storesAreLeftOutWithoutSslAndTheJvmsCasServeWithoutATruststore() {
        KafkaSecurity plain = of(Map.of(KafkaSecurity.TRUSTSTORE_LOCATION, dir.resolve("missing.p12").toString()));
        assertEquals(Map.of("security.protocol", "PLAINTEXT"), plain.clientProperties(), "an unused store is not checked");
        KafkaSecurity ssl = of(Map.of(KafkaSecurity.PROTOCOL, "SSL"));
        assertEquals(Map.of("security.protocol", "SSL"), ssl.clientProperties());
        assertEquals("SSL (the JVM's trusted CAs)", ssl.toString());
    }

    @Test
    void settingsThatCannotWorkNameTheKeyButNoSecret() {
        String noJaas = assertThrows(IllegalArgumentException.class,
                () -> of(Map.of(KafkaSecurity.PROTOCOL, "SASL_SSL"))).getMessage();
        assertTrue(noJaas.contains(KafkaSecurity.SASL_JAAS_CONFIG), noJaas);
        String protocol = assertThrows(IllegalArgumentException.class,
                () -> of(Map.of(KafkaSecurity.PROTOCOL, "TLS"))).getMessage();
        assertEquals(KafkaSecurity.PROTOCOL + " is 'TLS': use PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL", protocol);
        String mechanism = assertThrows(IllegalArgumentException.class, () -> of(Map.of(KafkaSecurity.PROTOCOL,
                "SASL_PLAINTEXT", KafkaSecurity.SASL_MECHANISM, "GSSAPI", KafkaSecurity.SASL_JAAS_CONFIG, JAAS))).getMessage();
        assertTrue(mechanism.startsWith(KafkaSecurity.SASL_MECHANISM + " is 'GSSAPI'"), mechanism);
        assertFalse(mechanism.contains("s3cret"), mechanism);
        String store = assertThrows(IllegalArgumentException.class, () -> of(Map.of(KafkaSecurity.PROTOCOL, "SSL",
                KafkaSecurity.TRUSTSTORE_LOCATION, dir.resolve("missing.p12").toString(),
                KafkaSecurity.TRUSTSTORE_PASSWORD, "trust-pw"))).getMessage();
        assertTrue(store.startsWith(KafkaSecurity.TRUSTSTORE_LOCATION + ": cannot read"), store);
        assertFalse(store.contains("trust-pw"), store);
    }
}
