package org.recgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Weak secrets: accepted on a loopback-only listener, a refused DN file on any other address. */
class CredentialPolicyTest {

    private static DnFile parse(String yaml) {
        return DnFile.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "dns.yaml");
    }

    private static final String WEAK = """
            applications:
              strong: {password: "%s", roles: [switch]}
              open: {roles: [desktop]}
              plain:
                password: pw
                roles: [vendor]
            """.formatted(PasswordHash.hash("pw".toCharArray()));

    @Test
    void whereTheListenerIs() {
        assertTrue(CredentialPolicy.isLoopbackOnly("127.0.0.1"));
        assertTrue(CredentialPolicy.isLoopbackOnly("::1"));
        assertTrue(CredentialPolicy.isLoopbackOnly("localhost"));
        assertFalse(CredentialPolicy.isLoopbackOnly("0.0.0.0"));
        assertFalse(CredentialPolicy.isLoopbackOnly("::"));
        assertFalse(CredentialPolicy.isLoopbackOnly("no-such-host.invalid"));
    }

    @Test
    void weakSecretsAreRefusedOffLoopbackNamingFileLineAndApplication() {
        String message = assertThrows(DnFileException.class, () -> new CredentialPolicy("0.0.0.0").check(parse(WEAK)))
                .getMessage();
        assertTrue(message.startsWith("dns.yaml line 3, at applications.open: application 'open' has no password;"
                + " dns.yaml line 4, at applications.plain: application 'plain' has a plain-text password"), message);
        assertTrue(message.contains("hash-password"), message);
        assertFalse(message.contains("'strong'"), message);
    }

    @Test
    void onLoopbackTheyPassAndHashedOnlyFilesPassEverywhere() {
        new CredentialPolicy("127.0.0.1").check(parse(WEAK));
        new CredentialPolicy("0.0.0.0").check(parse("applications:\n  strong: {password: \""
                + PasswordHash.hash("x".toCharArray()) + "\"}\n"));
    }

    @Test
    void scopesAndRolesAreRead() {
        DnFile file = parse("""
                applications:
                  agent: {roles: [desktop, router], dns: ["1001", "20*"]}
                  any: {roles: [supervisor]}
                """);
        ApplicationConfig agent = file.application("agent").orElseThrow();
        assertTrue(agent.has(Role.ROUTER));
        assertEquals(2, agent.line());
        assertTrue(agent.dns().allows("1001"));
        assertTrue(agent.dns().allows("2099"));
        assertFalse(agent.dns().allows("10011"));
        assertFalse(agent.dns().allows("3001"));
        assertTrue(file.application("any").orElseThrow().dns().isAny());
        assertEquals(DnScope.of(List.of("1001", "20*")), agent.dns());

        String bad = assertThrows(DnFileException.class, () -> parse("applications:\n  a: {dns: [\"10 01\"]}\n")).getMessage();
        assertTrue(bad.startsWith("dns.yaml line 2, at applications.a: dns entry '10 01'"), bad);
        String damaged = assertThrows(DnFileException.class,
                () -> parse("applications:\n  a: {password: \"{pbkdf2-sha256}1$x$y\"}\n")).getMessage();
        assertTrue(damaged.startsWith("dns.yaml line 2, at applications.a: "), damaged);
    }

    @Test
    void aRestApiOffLoopbackNeedsHashedSecretsTooAndIsNamed() {
        String message = assertThrows(DnFileException.class,
                () -> CredentialPolicy.forListeners("127.0.0.1", "0.0.0.0").check(parse(WEAK))).getMessage();
        assertTrue(message.contains("the REST API is on 0.0.0.0 (recgate.api.host)"), message);
        CredentialPolicy.forListeners("127.0.0.1", "127.0.0.1").check(parse(WEAK));
        CredentialPolicy.forListeners("127.0.0.1", null).check(parse(WEAK));
    }
}
