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

    @Test
    void aKeyGivenTwiceIsRefusedWithBothLines() {
        String dn = failure("dns:\n  \"2002\": {type: ACDPosition, record: true}\n  \"1001\": {}\n  \"2002\": {type: ACDPosition}\n");
        assertEquals("dns.yaml line 4, at dns: duplicate key '2002' (first at line 2): each key may appear once in a"
                + " mapping; keep one entry", dn);
        String top = failure("dns:\n  \"1001\": {}\napplications: {}\ndns:\n  \"1002\": {}\n");
        assertTrue(top.startsWith("dns.yaml line 4, at the top level: duplicate key 'dns' (first at line 1)"), top);
        String inner = failure("applications:\n  a:\n    roles: [desktop]\n    roles: [switch]\n");
        assertTrue(inner.startsWith("dns.yaml line 4, at applications.a: duplicate key 'roles' (first at line 3)"), inner);
        String flow = failure("dns:\n  \"1001\": {record: true, record: false}\n");
        assertTrue(flow.startsWith("dns.yaml line 2, at dns.1001: duplicate key 'record' (first at line 2)"), flow);
    }

    @Test
    void everyDuplicateIsListed() {
        DnFileException failure = assertThrows(DnFileException.class,
                () -> parse("dns:\n  \"1001\": {}\n  \"1001\": {}\n  \"1002\": {}\n  \"1002\": {}\n"));
        assertEquals(2, failure.problems().size(), failure.getMessage());
        assertTrue(failure.problems().get(1).startsWith("dns.yaml line 5, at dns: duplicate key '1002' (first at line 4)"),
                failure.problems().toString());
    }

    @Test
    void unknownKeysAndWrongTypesGetTheAllowedKeysAndKinds() {
        assertEquals("dns.yaml line 3, at dns.1001: unknown key 'recrod': a DN takes type, record, recorder, dialect",
                failure("dns:\n  \"1001\":\n    recrod: true\n"));
        assertEquals("dns.yaml line 1, at the top level: unknown key 'colour': the DN file takes applications, dns",
                failure("colour: red\n"));
        assertEquals("dns.yaml line 2, at applications.a: unknown key 'pasword': an application takes password, roles, dns",
                failure("applications:\n  a: {pasword: x}\n"));
        assertEquals("dns.yaml line 2, at dns.1001.record: 'yes please' is not true or false",
                failure("dns:\n  \"1001\": {record: yes please}\n"));
        assertEquals("dns.yaml line 3, at applications.a.roles: 'desktop' is not a list, e.g. [a, b]",
                failure("applications:\n  a:\n    roles: desktop\n"));
        assertEquals("dns.yaml line 1, at applications: a list is not a mapping of names to entries (name: {...})",
                failure("applications: [a, b]\n"));
        String everyMessage = String.join(" ", failure("colour: red\n"), failure("applications: [a]\n"),
                failure("dns:\n  \"1001\": {record: [x]}\n"));
        assertFalse(everyMessage.contains("java.") || everyMessage.contains("DnFile$") || everyMessage.contains("setterless"),
                everyMessage);
    }

    @Test
    void aTabIsRefusedAtItsOwnLine() {
        assertEquals("dns.yaml line 3, column 1: a tab; YAML allows only spaces for indentation and between items:"
                + " replace it with spaces", failure("dns:\n  \"1001\":\n\ttype: Extension\n"));
        assertTrue(failure("# a\n# b\ndns:\n  \"1001\": {type: Extension}\t# here\n").startsWith("dns.yaml line 4, column 28:"));
        assertEquals(DnType.Trunk, parse("dns:\n  \"1001\": {type: \"Trunk\"}  # a\ttab in a comment\n")
                .dn("1001").orElseThrow().type(), "a tab in a comment is allowed");
    }

    @Test
    void anEntryWithoutValuesTakesTheDefaults() {
        DnFile file = parse("applications:\n  open:\ndns:\n  \"1001\":\n");
        assertEquals(new DnConfig("1001", DnType.Extension, false, null, null), file.dn("1001").orElseThrow());
        assertTrue(file.application("open").orElseThrow().roles().isEmpty());
    }
}
