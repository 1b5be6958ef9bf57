package org.recgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DnFileTest {

    private static DnFile parse(String yaml) {
        return DnFile.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "dns.yaml");
    }

    private static String failure(String yaml) {
        return assertThrows(DnFileException.class, () -> parse(yaml)).getMessage();
    }

    @Test
    void theShippedFileLoads() {
        DnFile file = DnFile.load(Path.of("config/dns.yaml"));
        assertTrue(file.application("desktop").isPresent());
        assertTrue(file.application("supervisor").orElseThrow().has(Role.SUPERVISOR));
        assertEquals(DnType.Trunk, file.dn("5000").orElseThrow().type());
        ApplicationConfig cli = file.application("cli").orElseThrow();
        assertEquals(Set.of(Role.DESKTOP), cli.roles(), "the CLI's default application is no switch");
        assertTrue(cli.dns().allows("1001") && !cli.dns().allows("5000"), "and a desktop of some DNs only");
    }

    @Test
    void applicationsAndDnsAreRead() {
        DnFile file = parse("""
                applications:
                  sup:
                    password: pw
                    roles: [supervisor, Desktop]
                  open: {}
                dns:
                  "2001": {type: acdposition, record: true, recorder: "sip:srs@rec", dialect: msml}
                  "1001": {}
                """);
        ApplicationConfig sup = file.application("sup").orElseThrow();
        assertEquals(Set.of(Role.SUPERVISOR, Role.DESKTOP), sup.roles());
        assertTrue(sup.acceptsPassword("pw"));
        assertFalse(sup.acceptsPassword("PW"));
        assertFalse(sup.acceptsPassword(null));
        assertTrue(file.application("open").orElseThrow().acceptsPassword(null));
        DnConfig agent = file.dn("2001").orElseThrow();
        assertEquals(new DnConfig("2001", DnType.ACDPosition, true, "sip:srs@rec", "msml"), agent);
        assertEquals(new DnConfig("1001", DnType.Extension, false, null, null), file.dn("1001").orElseThrow());
    }

    @Test
    void anEmptyFileHasNothing() {
        DnFile file = parse("");
        assertTrue(file.applications().isEmpty());
        assertTrue(file.dns().isEmpty());
    }

    @Test
    void mistakesNameTheFileTheLineAndTheFix() {
        String role = failure("applications:\n  a:\n    roles: [admin]\n");
        assertTrue(role.startsWith("dns.yaml line 2, at applications.a: unknown role 'admin'"), role);

        String type = failure("dns:\n  \"1001\": {type: Phone}\n");
        assertTrue(type.startsWith("dns.yaml line 2, at dns.1001: ") && type.contains("unknown DN type 'Phone'"), type);

        String field = failure("dns:\n  \"1001\": {recrod: true}\n");
        assertTrue(field.startsWith("dns.yaml line 2") && field.contains("recrod"), field);

        String syntax = failure("dns:\n  - [unclosed\n");
        assertTrue(syntax.startsWith("dns.yaml line"), syntax);

        String dn = failure("dns:\n  \"1001\": {}\n  \"10 01\": {}\n");
        assertTrue(dn.startsWith("dns.yaml line 3, at dns.10 01: DN '10 01'"), dn);

        String block = failure("dns:\n  \"1001\":\n    type: Extension\n  \"1002\":\n    type: Phone\n    record: true\n");
        assertTrue(block.startsWith("dns.yaml line 4, at dns.1002: "), "the line of the entry's key: " + block);

        String recorder = failure("dns:\n  \"1001\": {recorder: \"http://rec\"}\n");
        assertTrue(recorder.startsWith("dns.yaml line 2, at dns.1001: recorder 'http://rec' must be a SIP URI"), recorder);

        String dialect = failure("dns:\n  \"1001\": {dialect: h323}\n");
        assertTrue(dialect.contains("unknown dialect 'h323'"), dialect);
    }
}
