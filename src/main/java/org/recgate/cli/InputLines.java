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
import java.util.function.BooleanSupplier;

/**
 * The input lines (stdin or a file), read on a thread of their own: a blocking read of stdin
 * cannot be interrupted, and the client must stop waiting for the next line when the gateway
 * drops the connection ({@link #wake()}), to end or to reconnect at once.
 */
final class InputLines {

    private static final Item END = new Item(null);
    private static final Item WAKE = new Item(null);

    private final BlockingQueue<Item> lines = new LinkedBlockingQueue<>();

    /** A line, or one of the markers END and WAKE (told apart by identity). */
    private record Item(String line) {
    }

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
                lines.add(new Item(line));
            }
        } catch (IOException e) {
            err.println("recgate-cli: cannot read the input: " + e.getMessage());
        }
        lines.add(END);
    }

    /**
     * The next line; empty once the input has ended. Fails if woken while {@code lost} says the
     * connection is lost; a wake for a connection since replaced (lost is false) is passed over.
     */
    Optional<String> next(BooleanSupplier lost) throws InterruptedException, IOException {
        while (true) {
            Item item = lines.take();
            if (item == END) {
                lines.add(END); // stays ended for every later call
                return Optional.empty();
            }
            if (item != WAKE) {
                return Optional.of(item.line());
            }
            if (lost.getAsBoolean()) {
                throw new IOException("the gateway closed the connection");
            }
        }
    }

    /** Makes a waiting {@link #next} look at the connection now. */
    void wake() {
        lines.add(WAKE);
    }
}
