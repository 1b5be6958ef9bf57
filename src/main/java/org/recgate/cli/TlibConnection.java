package org.recgate.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The TCP connection to the gateway: lines out, and a thread of its own that hands on every line
 * the gateway sends the moment it arrives, so unsolicited events show while the user types or a
 * script waits. {@link #lost()} completes when the gateway ends the connection (not when this
 * client closes it).
 */
final class TlibConnection implements AutoCloseable {

    private static final long READER_STOP_MILLIS = 2000;

    private final Socket socket;
    private final OutputStream out;
    private final Thread reader;
    private final CompletableFuture<Void> lost = new CompletableFuture<>();
    private volatile boolean closing;

    private TlibConnection(Socket socket, Consumer<String> events) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.reader = new Thread(() -> read(events), "tlib-cli-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Connects, over TLS unless {@code tls} is null, giving up after {@code timeoutMillis};
     * {@code events} gets each line the gateway sends.
     */
    static TlibConnection open(String host, int port, int timeoutMillis, CliTls tls, Consumer<String> events)
            throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setTcpNoDelay(true);
            return new TlibConnection(tls == null ? socket : tls.wrap(socket, host, port, timeoutMillis), events);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private void read(Consumer<String> events) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                events.accept(line);
            }
        } catch (IOException e) {
            // the connection ended; whether that was expected is decided below
        }
        if (!closing) {
            lost.complete(null);
        }
    }

    /** Writes one message line. */
    synchronized void send(String json) throws IOException {
        if (lost.isDone()) {
            throw new IOException("the gateway has closed the connection");
        }
        out.write((json + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    CompletableFuture<Void> lost() {
        return lost;
    }

    boolean isLost() {
        return lost.isDone();
    }

    /** Lets events arrive for {@code millis}, ending early if the gateway closes the connection; true if it did. */
    boolean awaitLoss(long millis) throws InterruptedException {
        try {
            lost.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // no loss within the time (lost is never completed exceptionally)
        }
        return isLost();
    }

    /** Closes the socket and waits for the reader, so every event received has been handed on. */
    @Override
    public void close() throws IOException {
        closing = true;
        socket.close();
        try {
            reader.join(READER_STOP_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
