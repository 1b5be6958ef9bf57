package org.recgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** -h, --help and --version answer at once, without a gateway (docs/cli.md). */
class TlibCliHelpTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return TlibCli.run(args, InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void versionGoesToStandardOutput() {
        assertEquals(TlibCli.OK, run("--version"));
        assertTrue(out.toString(StandardCharsets.UTF_8).matches("recgate-cli \\S+\\R"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shortAndLongHelp() {
        assertEquals(TlibCli.OK, run("-h"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("Usage: recgate-cli"), err.toString(StandardCharsets.UTF_8));
        err.reset();
        assertEquals(TlibCli.OK, run("watch-topic", "-h"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--timeout-ms"), err.toString(StandardCharsets.UTF_8));
    }
}
