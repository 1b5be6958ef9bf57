package org.recgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.recgate.tlib.model.Attr;

/**
 * A T-Library client over TCP that keeps many requests in flight on one connection (the
 * protocol answers every line in order and echoes AttrReferenceID, docs/protocol.md). A thread of
 * its own reads the gateway's lines: a reply completes its request's future on that thread, any
 * other event goes to {@code events}. A request unanswered for longer than the reply timeout is
 * failed by {@link #expire}, so nothing waits forever.
 */
final class PipelinedClient implements AutoCloseable {

    /** Every thread of the load generator is named so; {@link ProcessProbe} counts their CPU apart from the gateway's. */
    static final String THREAD_PREFIX = "bench-";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(15);

    /** A reply and how long it took from the request's write. */
    record Reply(JsonNode event, long nanos) {
        String message() {
            return event.path(Attr.MESSAGE).asText();
        }
    }

    private record Pending(CompletableFuture<Reply> reply, long sentNanos) {
    }

    private final String name;
    private final Socket socket;
    private final OutputStream out;
    private final ConcurrentMap<Integer, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicInteger nextReferenceId = new AtomicInteger();
    private final Consumer<JsonNode> events;
    private volatile boolean lost;

    private PipelinedClient(String name, Socket socket, Consumer<JsonNode> events) throws IOException {
        this.name = name;
        this.socket = socket;
        this.out = new BufferedOutputStream(socket.getOutputStream(), 8192);
        this.events = events;
        Thread reader = new Thread(this::read, THREAD_PREFIX + "tlib-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    static PipelinedClient connect(String name, int port, Consumer<JsonNode> events) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) SETUP_TIMEOUT.toMillis());
            socket.setTcpNoDelay(true);
            return new PipelinedClient(name, socket, events);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    static ObjectNode message(String name) {
        return JSON.createObjectNode().put(Attr.MESSAGE, name);
    }

    /** Sends the request with a fresh AttrReferenceID; the future completes with its reply, or fails. */
    CompletableFuture<Reply> request(ObjectNode request) {
        int referenceId = nextReferenceId.updateAndGet(id -> id == Integer.MAX_VALUE ? 1 : id + 1);
        request.put(Attr.REFERENCE_ID, referenceId);
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        pending.put(referenceId, new Pending(reply, System.nanoTime()));
        try {
            write(request.toString());
        } catch (IOException e) {
            pending.remove(referenceId);
            reply.completeExceptionally(e);
        }
        return reply;
    }

    /** The request's reply, waited for at most the setup timeout (registration before a phase). */
    Reply requestAndWait(ObjectNode request) throws IOException {
        try {
            return request(request).get(SETUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException(name + ": no reply to " + request + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    void registerClient(String application) throws IOException {
        expect(requestAndWait(message("RequestRegisterClient").put(Attr.APPLICATION_NAME, application)), "EventServerInfo");
    }

    void register(String dn, String mode) throws IOException {
        expect(requestAndWait(message("RequestRegisterAddress").put(Attr.THIS_DN, dn).put(Attr.REGISTER_MODE, mode)),
                "EventRegistered");
    }

    private void expect(Reply reply, String message) throws IOException {
        if (!message.equals(reply.message())) {
            throw new IOException(name + ": expected " + message + ", got " + reply.event());
        }
    }

    private void write(String line) throws IOException {
        if (lost) {
            throw new IOException(name + ": the connection is lost");
        }
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (out) {
            out.write(bytes);
            out.flush();
        }
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8), 65536)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                dispatch(JSON.readTree(line));
            }
        } catch (IOException e) {
            // the connection ended: every waiting request fails below
        }
        lost = true;
        failAll(new IOException(name + ": connection lost"));
    }

    private void dispatch(JsonNode event) {
        JsonNode referenceId = event.get(Attr.REFERENCE_ID);
        Pending waiting = referenceId != null && referenceId.canConvertToInt() ? pending.remove(referenceId.intValue()) : null;
        if (waiting != null) {
            waiting.reply().complete(new Reply(event, System.nanoTime() - waiting.sentNanos()));
        } else {
            events.accept(event);
        }
    }

    /** Fails the requests sent more than {@code timeout} ago (a {@link TimeoutException}). */
    void expire(Duration timeout) {
        long now = System.nanoTime();
        for (Iterator<Map.Entry<Integer, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Integer, Pending> entry = it.next();
            if (now - entry.getValue().sentNanos() > timeout.toNanos() && pending.remove(entry.getKey(), entry.getValue())) {
                entry.getValue().reply().completeExceptionally(new TimeoutException(name + ": no reply within " + timeout));
            }
        }
    }

    private void failAll(Exception cause) {
        for (Integer referenceId : pending.keySet()) {
            Pending waiting = pending.remove(referenceId);
            if (waiting != null) {
                waiting.reply().completeExceptionally(cause);
            }
        }
    }

    int inFlight() {
        return pending.size();
    }

    @Override
    public void close() throws IOException {
        lost = true;
        socket.close();
    }
}
