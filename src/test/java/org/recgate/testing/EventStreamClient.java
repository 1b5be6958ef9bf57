package org.recgate.testing;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A client of {@code GET /api/v1/events} over java.net.http: the body read line by line as it
 * arrives, on a thread of its own, into events ({@code event:}, {@code id:}, {@code data:} as JSON)
 * and comment lines.
 */
public final class EventStreamClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One event of the stream. */
    public record Event(String name, long id, JsonNode data) {
    }

    private final HttpResponse<Stream<String>> response;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private EventStreamClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = new Thread(this::read, "event-stream-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens the stream as {@code user} ({@code name} or {@code name:password}); null: no credentials. */
    public static EventStreamClient open(HttpClient http, int apiPort, String user) throws Exception {
        return open(http, "http://127.0.0.1:" + apiPort, user);
    }

    /** The same on the server at {@code base} ({@code https://127.0.0.1:<port>} for the API over TLS). */
    public static EventStreamClient open(HttpClient http, String base, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/v1/events"))
                .header("Accept", "text/event-stream");
        if (user != null) {
            request.header("Authorization", ApiTesting.basic(user));
        }
        return new EventStreamClient(http.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
    }

    public HttpResponse<Stream<String>> response() {
        return response;
    }

    private void read() {
        String name = "message";
        long id = -1;
        StringBuilder data = new StringBuilder();
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(name, id, JSON.readTree(data.toString())));
                    }
                    name = "message";
                    id = -1;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    comments.add(line);
                } else if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("id: ")) {
                    id = Long.parseLong(line.substring(4));
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            }
        } catch (Exception closed) {
            // the stream ended (the test closed it, or the gateway stopped)
        }
    }

    public List<Event> events() {
        return new ArrayList<>(events);
    }

    public List<String> comments() {
        return new ArrayList<>(comments);
    }

    public Optional<Event> find(String name, Predicate<JsonNode> data) {
        return events.stream().filter(e -> e.name().equals(name) && data.test(e.data())).findFirst();
    }

    /** The first event named {@code name} whose data matches, within {@code timeout}. */
    public Event await(String name, Predicate<JsonNode> data, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(10)).until(() -> find(name, data).isPresent());
        return find(name, data).orElseThrow();
    }

    @Override
    public void close() {
        reader.interrupt();
        response.body().close();
    }
}
