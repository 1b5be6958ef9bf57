package org.recgate.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The input lines (stdin or a file), read on a thread of their own: a blocking read of stdin
 * cannot be interrupted, and the client must stop waiting for the next line when the gateway
 * drops the connection ({@link #end()}).
 */
final class InputLines {

    private static final Optional<String> END = Optional.empty();

    private final BlockingQueue<Optional<String>> lines = new LinkedBlockingQueue<>();

    private InputLines() {
    }

    /** Starts reading at once; the stream is closed at its end. */
    static InputLines readFrom(InputStream in, PrintStream err) {
        InputLines input = new InputLines();
        Thread reader = new Thread(() -> input.read(in, err), "tlib-cli-input");
        reader.setDaemon(true);
        reader.start();
        return input;
    }

    private void read(InputStream in, PrintStream err) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(Optional.of(line));
            }
        } catch (IOException e) {
            err.println("recgate-cli: cannot read the input: " + e.getMessage());
        }
        end();
    }

    /** The next line; empty once the input has ended (or was ended). */
    Optional<String> next() throws InterruptedException {
        Optional<String> line = lines.take();
        if (line.isEmpty()) {
            lines.add(END); // stays ended for every later call
        }
        return line;
    }

    /** Ends the input now, after the lines already read. */
    void end() {
        lines.add(END);
    }
}
