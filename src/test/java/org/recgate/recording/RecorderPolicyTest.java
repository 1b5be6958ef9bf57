package org.recgate.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.recgate.config.DnFile;
import org.recgate.config.DnFileException;
import org.recgate.sip.Dialect;
import org.recgate.tlib.model.ErrorCode;
import org.recgate.tlib.model.TlibException;

/**
 * The destination checks (docs/security.md, SIP side): every URI read by the SIP stack's
 * parser and judged by the host, port and transport the stack would send to. DestinationTricksIT
 * shows the same through the gateway, with sockets on the target addresses.
 */
class RecorderPolicyTest {

    private static final List<String> RECORDERS = List.of("sip:srs@127.0.0.1:5070");

    private static RecorderPolicy policy(List<String> allowed, String transport) {
        return new RecorderPolicy(RECORDERS, Dialect.SIPREC, allowed, transport);
    }

    private static ErrorCode refusal(RecorderPolicy policy, String uri) {
        return assertThrows(TlibException.class, () -> policy.allowed("dest", uri), uri).errorCode();
    }

    @Test
    void eachTrickOfTheIssueIsRefused2004() {
        RecorderPolicy policy = policy(List.of("127.0.0.1"), "udp");
        for (String trick : List.of(
                "sip:127.0.0.1;x@127.0.0.2:15071",        // the stack sends to 127.0.0.2
                "sip:127.0.0.1@127.0.0.2",                // the same without a parameter
                "sip:srs@127.0.0.1:15071;maddr=127.0.0.3", // the stack sends to the maddr
                "sip:srs@127.0.0.1;MADDR=127.0.0.3",
                "sip:srs@127.0.0.1;maddr",
                "sips:srs@127.0.0.1:15071",               // no TLS configured
                "sip:srs@127.0.0.1:15071;transport=tcp",  // not the configured transport
                "sip:srs@127.0.0.1:15071?Route=%3Csip:x@127.0.0.3%3E", // URI headers
                "sip:srs@127.1:15071",                    // another spelling of an address
                "sip:srs@2130706433:15071")) {
            assertEquals(ErrorCode.DESTINATION_NOT_ALLOWED, refusal(policy, trick), trick);
        }
    }

    @Test
    void theMessageSaysWhatTheStackWouldDo() {
        RecorderPolicy policy = policy(List.of("127.0.0.1"), "udp");
        String userPart = assertThrows(TlibException.class, () -> policy.allowed("dest", "sip:127.0.0.1;x@127.0.0.2:15071"))
                .getMessage();
        assertTrue(userPart.contains("goes to host 127.0.0.2 port 15071"), userPart);
        String maddr = assertThrows(TlibException.class, () -> policy.allowed("dest2", "sip:srs@127.0.0.1;maddr=127.0.0.3"))
                .getMessage();
        assertTrue(maddr.startsWith("AttrExtensions: dest2 ") && maddr.contains("'127.0.0.3'"), maddr);
    }

    @Test
    void whatIsNotASipUriIs53() {
        RecorderPolicy policy = policy(List.of("127.0.0.1"), "udp");
        for (String junk : List.of("mailto:x@y", "http://127.0.0.1", "sip:", "sip:srs@127.0.0.1:99999",
                "sip:srs@127.0.0.1:0", "sip:srs@127.0.0.1 ;x", "sip:srs@127.0.0.1\r\nRoute: <sip:x>")) {
            assertEquals(ErrorCode.INVALID_ATTRIBUTE, refusal(policy, junk), junk);
        }
    }

    @Test
    void anEntryWithAPortAllowsOnlyThatPort() {
        RecorderPolicy policy = policy(List.of("127.0.0.1:5070", "rec.example.com"), "udp");
        assertEquals("sip:srs@127.0.0.1:5070", policy.allowed("dest", "sip:srs@127.0.0.1:5070"));
        assertEquals(ErrorCode.DESTINATION_NOT_ALLOWED, refusal(policy, "sip:srs@127.0.0.1:5071"));
        assertEquals(ErrorCode.DESTINATION_NOT_ALLOWED, refusal(policy, "sip:srs@127.0.0.1"), "5060 is not 5070");
        assertEquals("sip:srs@REC.example.com:9999", policy.allowed("dest", "sip:srs@REC.example.com:9999"));
    }

    @Test
    void withoutAnAllowlistOnlyTheConfiguredRecordersThemselves() {
        RecorderPolicy policy = policy(List.of(), "udp");
        assertEquals("sip:other@127.0.0.1:5070;dialect=msml", policy.allowed("dest", "sip:other@127.0.0.1:5070;dialect=msml"));
        assertEquals(ErrorCode.DESTINATION_NOT_ALLOWED, refusal(policy, "sip:srs@127.0.0.1:5071"));
    }

    @Test
    void aStarStaysWithinOneLabelAndAnIpPatternTakesOnlyAddresses() {
        RecorderPolicy policy = policy(List.of("*.example.com", "10.0.0.*"), "udp");
        assertEquals("sip:srs@rec1.example.com", policy.allowed("dest", "sip:srs@rec1.example.com"));
        assertEquals("sip:srs@10.0.0.7", policy.allowed("dest", "sip:srs@10.0.0.7"));
        for (String outside : List.of("sip:srs@rec.example.com.attacker.net", "sip:srs@a.b.example.com",
                "sip:srs@10.0.0.1.attacker.net", "sip:srs@10.0.0.1abc")) {
            assertEquals(ErrorCode.DESTINATION_NOT_ALLOWED, refusal(policy, outside), outside);
        }
    }

    @Test
    void ipv6EntriesMatchWhateverTheSpelling() {
        RecorderPolicy policy = policy(List.of("[::1]:5070", "2001:db8::1"), "udp");
        assertEquals("sip:srs@[0:0:0:0:0:0:0:1]:5070", policy.allowed("dest", "sip:srs@[0:0:0:0:0:0:0:1]:5070"));
        assertEquals("sip:srs@[2001:DB8:0::1]", policy.allowed("dest", "sip:srs@[2001:DB8:0::1]"));
        assertEquals(ErrorCode.DESTINATION_NOT_ALLOWED, refusal(policy, "sip:srs@[::1]:5071"));
    }

    @Test
    void sipsAndTlsTakeEachOther() {
        RecorderPolicy tls = new RecorderPolicy(List.of("sips:srs@127.0.0.1:5071"), Dialect.SIPREC, List.of("127.0.0.1"), "tls");
        assertEquals("sips:srs@127.0.0.1:5071", tls.allowed("dest", "sips:srs@127.0.0.1:5071"));
        assertEquals("sip:srs@127.0.0.1;transport=tls", tls.allowed("dest", "sip:srs@127.0.0.1;transport=tls"));
        assertEquals(ErrorCode.DESTINATION_NOT_ALLOWED, refusal(tls, "sip:srs@127.0.0.1:5071;transport=udp"),
                "no way back to plain UDP");
        RecorderPolicy exact = new RecorderPolicy(List.of("sips:srs@127.0.0.1"), Dialect.SIPREC, List.of(), "tls");
        assertEquals("sip:srs@127.0.0.1:5061", exact.allowed("dest", "sip:srs@127.0.0.1:5061"), "TLS's port is 5061");
    }

    @Test
    void theOperatorsOwnRecordersMayNotCarryTheTricksEither() {
        IllegalArgumentException maddr = assertThrows(IllegalArgumentException.class, () -> new RecorderPolicy(
                List.of("sip:srs@127.0.0.1;maddr=127.0.0.3"), Dialect.SIPREC, List.of(), "udp"));
        assertTrue(maddr.getMessage().startsWith("recgate.recorder.uri 'sip:srs@127.0.0.1;maddr=127.0.0.3'"), maddr.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RecorderPolicy(List.of("sips:srs@127.0.0.1"), Dialect.SIPREC,
                List.of(), "udp"));
        assertThrows(IllegalArgumentException.class, () -> policy(List.of("127.0.0.1:70000"), "udp"));

        DnFile file = DnFile.parse(new ByteArrayInputStream("""
                dns:
                  "3001": {recorder: "sip:srs@127.0.0.1:5070, sip:srs@127.0.0.1:5072;transport=tcp"}
                """.getBytes(StandardCharsets.UTF_8)), "dns.yaml");
        RecorderPolicy.checkDnFile(file, "tcp");
        DnFileException wrong = assertThrows(DnFileException.class, () -> RecorderPolicy.checkDnFile(file, "udp"));
        assertTrue(wrong.getMessage().startsWith("dns.yaml: DN 3001: recorder 'sip:srs@127.0.0.1:5072;transport=tcp'"),
                wrong.getMessage());
        assertThrows(DnFileException.class, () -> DnFile.parse(new ByteArrayInputStream("""
                dns:
                  "3001": {recorder: "sip:srs@127.0.0.1 x"}
                """.getBytes(StandardCharsets.UTF_8)), "dns.yaml"), "the stack's parser reads the DN file's recorders");
    }
}
