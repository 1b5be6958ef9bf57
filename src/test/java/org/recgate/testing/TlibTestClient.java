package org.recgate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A real T-Library client over TCP for tests: writes lines, and reads every event the gateway
 * sends on a thread of its own, so a test waits on the event it expects, with a timeout.
 */
public final class TlibTestClient implements AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode CLOSED = JSON.createObjectNode().put("message", "(connection closed)");

    private final Socket socket;
    private final OutputStream out;
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final List<JsonNode> received = new ArrayList<>();
    private final AtomicInteger nextReferenceId = new AtomicInteger(1000);
    private volatile boolean closed;

    private TlibTestClient(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        Thread reader = new Thread(this::readEvents, "tlib-test-client-" + socket.getLocalPort());
        reader.setDaemon(true);
        reader.start();
    }

    public static TlibTestClient connect(String host, int port) throws IOException {
        Socket socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        return new TlibTestClient(socket);
    }

    /** A client on a socket already connected (a TLS socket, {@link TestTls#connect}). */
    public static TlibTestClient over(Socket connected) throws IOException {
        connected.setTcpNoDelay(true);
        return new TlibTestClient(connected);
    }

    private void readEvents() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                events.add(JSON.readTree(line));
            }
        } catch (IOException e) {
            // the connection ended; CLOSED below tells a waiting test
        }
        closed = true;
        events.add(CLOSED);
    }

    /** Sends raw bytes as they are (no line end added). */
    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public void sendLine(String line) throws IOException {
        sendRaw((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Sends the request with a fresh AttrReferenceID (unless it has one) and returns that id. */
    public int send(ObjectNode request) throws IOException {
        if (!request.has("AttrReferenceID")) {
            request.put("AttrReferenceID", nextReferenceId.incrementAndGet());
        }
        sendLine(request.toString());
        return request.get("AttrReferenceID").asInt();
    }

    /** Sends the request and waits for the reply that echoes its ReferenceID. */
    public JsonNode request(ObjectNode request) throws IOException {
        int referenceId = send(request);
        return await(e -> e.path("AttrReferenceID").asInt() == referenceId);
    }

    public static ObjectNode message(String name) {
        return JSON.createObjectNode().put("message", name);
    }

    /** RequestSendEvent for {@code dn}: a screen-capture value, or (null) an ordinary user event {note: hello}. */
    public static ObjectNode sendEvent(String dn, String screenCapture) {
        ObjectNode event = message("EventUserEvent").put("AttrThisDN", dn).put("AttrConnectionID", "00000000000000ab");
        ObjectNode userData = event.putObject("AttrUserData");
        if (screenCapture != null) {
            userData.put("screen-capture", screenCapture);
        } else {
            userData.put("note", "hello");
        }
        ObjectNode request = message("RequestSendEvent").put("AttrThisDN", dn);
        request.set("AttrEvent", event);
        return request;
    }

    public JsonNode registerClient(String application, String password) throws IOException {
        ObjectNode request = message("RequestRegisterClient").put("AttrApplicationName", application);
        if (password != null) {
            request.put("AttrApplicationPassword", password);
        }
        JsonNode reply = request(request);
        assertEquals("EventServerInfo", reply.path("message").asText(), () -> "RegisterClient failed: " + reply);
        return reply;
    }

    public JsonNode register(String dn, String mode) throws IOException {
        ObjectNode request = message("RequestRegisterAddress").put("AttrThisDN", dn);
        if (mode != null) {
            request.put("AttrRegisterMode", mode);
        }
        return request(request);
    }

    /** The next event that matches, skipping (but keeping) the others; fails after {@link #TIMEOUT}. */
    public JsonNode await(Predicate<JsonNode> expected) {
        return await(expected, TIMEOUT);
    }

    public JsonNode await(Predicate<JsonNode> expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                JsonNode event = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
                if (event == null) {
                    throw new AssertionError("no expected event within " + timeout + "; received: " + received);
                }
                if (event == CLOSED) {
                    events.add(CLOSED);
                    throw new AssertionError("connection closed before the expected event; received: " + received);
                }
                received.add(event);
                if (expected.test(event)) {
                    return event;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A position in the events received so far, for {@link #awaitSince}. */
    public int mark() {
        return received.size();
    }

    /**
     * The first event since {@code mark} that matches: among those already stepped over (e.g. by
     * {@link #request} waiting for its reply), else the next ones to arrive.
     */
    public JsonNode awaitSince(int mark, Predicate<JsonNode> expected) {
        for (JsonNode event : received.subList(Math.min(mark, received.size()), received.size())) {
            if (expected.test(event)) {
                return event;
            }
        }
        return await(expected);
    }

    /** The next event, whatever it is. */
    public JsonNode next() {
        return await(e -> true);
    }

    /** Waits until the gateway has closed the connection. */
    public void awaitClosed() {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try {
            while (!closed || events.peek() != CLOSED) {
                JsonNode event = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (event == CLOSED) {
                    events.add(CLOSED);
                    return;
                }
                if (event == null) {
                    throw new AssertionError("the gateway did not close the connection within " + TIMEOUT);
                }
                received.add(event);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Events received so far that a test has already stepped over (for messages). */
    public List<JsonNode> received() {
        return List.copyOf(received);
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
