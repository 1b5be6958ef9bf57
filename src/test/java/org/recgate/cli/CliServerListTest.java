package org.recgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code --server host:port,host:port} and {@code --reconnect-ms} (docs/cli.md, "A hot-standby
 * pair"): how they combine with {@code --host}/{@code --port}, the default bound, and a clear message
 * naming a bad entry.
 */
class CliServerListTest {

    @Test
    void hostAndPortGiveOneServerThatIsNotReconnectedTo() throws Exception {
        CliOptions options = CliOptions.parse("--host", "gw.example", "--port", "7200");
        assertEquals(List.of(new GatewayAddress("gw.example", 7200)), options.servers());
        assertEquals(Duration.ZERO, options.reconnect());
        assertEquals(List.of(new GatewayAddress("127.0.0.1", 7100)), CliOptions.parse().servers());
    }

    @Test
    void aServerListIsTriedInOrderAndReconnectedToByDefault() throws Exception {
        CliOptions options = CliOptions.parse("--server", "gw-a:7100, gw-b:7101,[::1]:7102");
        assertEquals(List.of(new GatewayAddress("gw-a", 7100), new GatewayAddress("gw-b", 7101),
                new GatewayAddress("::1", 7102)), options.servers());
        assertEquals(Duration.ofMillis(CliOptions.RECONNECT_MS), options.reconnect());
        assertEquals("[::1]:7102", options.servers().get(2).toString());
    }

    @Test
    void anEntryWithoutAPortTakesPortAndTheBoundCanBeSet() throws Exception {
        CliOptions options = CliOptions.parse("--port=7300", "--server=gw-a,gw-b:7301,[::1]", "--reconnect-ms", "0");
        assertEquals(List.of(new GatewayAddress("gw-a", 7300), new GatewayAddress("gw-b", 7301),
                new GatewayAddress("::1", 7300)), options.servers());
        assertEquals(Duration.ZERO, options.reconnect());
        assertEquals(Duration.ofMillis(2500), CliOptions.parse("--port", "7300", "--reconnect-ms", "2500").reconnect(),
                "one server is reconnected to when asked");
    }

    @Test
    void aBadEntryIsNamed() {
        assertBad("gw-a:7100,,gw-b:7100", "--server 'gw-a:7100,,gw-b:7100': an empty entry");
        assertBad("gw-a:7100,gw-b:71o0", "'gw-b:71o0' has no port from 1 to 65535");
        assertBad("gw-a:0", "'gw-a:0' has no port from 1 to 65535");
        assertBad("gw-a:", "'gw-a:' has no port from 1 to 65535");
        assertBad(":7100", "':7100' has no host");
        assertBad("::1:7100", "'::1:7100' has more than one ':' (an IPv6 address goes in brackets: [::1]:7100)");
        assertBad("[::1:7100", "'[::1:7100' is no [IPv6]:PORT");
        assertBad("gw-a:7100,", "an empty entry");
    }

    @Test
    void hostWithAServerListIsAUsageError() {
        CliOptions.UsageException error = assertThrows(CliOptions.UsageException.class,
                () -> CliOptions.parse("--host", "gw-a", "--server", "gw-a:7100,gw-b:7100"));
        assertEquals("--host and --server both name the server: give every host in --server", error.getMessage());
        assertThrows(CliOptions.UsageException.class, () -> CliOptions.parse("--server", "gw-a", "--reconnect-ms", "-1"));
    }

    @Test
    void theCliReportsABadEntryWithExitStatus2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = TlibCli.run(new String[] {"--server", "gw-a:7100,gw-b:x"}, InputStream.nullInputStream(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(TlibCli.USAGE_OR_CONNECTION, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("recgate-cli: --server 'gw-a:7100,gw-b:x': 'gw-b:x' has no"
                + " port from 1 to 65535; give HOST:PORT[,HOST:PORT...]"), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertBad(String list, String expected) {
        CliOptions.UsageException error = assertThrows(CliOptions.UsageException.class, () -> CliOptions.parse("--server", list));
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }
}
