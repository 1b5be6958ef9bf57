package org.recgate;

import java.io.PrintStream;

/**
 * Where a command of the jar's command line prints: its report and its problems. The commands
 * take them from the picocli factory, not from {@code System}, so tests run them in-process.
 */
record Streams(PrintStream out, PrintStream err) {
}
