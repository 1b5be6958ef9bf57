package org.recgate.gateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpServerResponse;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.recgate.call.CallRegistry;
import org.recgate.config.ApplicationConfig;
import org.recgate.config.DnScope;
import org.recgate.config.Role;
import org.recgate.userevent.UserEvent;

/** What {@link ApiEvents} writes to which stream: the SSE frame, the DN scope, the keep-alive, a stream that does not read. */
class ApiEventsTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);
    private final ApiEvents events = new ApiEvents(clock);

    /** A response that records what is written; {@code full} says whether its write queue is full. */
    private static final class FakeResponse {
        final List<String> written = new ArrayList<>();
        final AtomicBoolean full = new AtomicBoolean();
        final AtomicBoolean closed = new AtomicBoolean();

        HttpServerResponse proxy() {
            return (HttpServerResponse) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {HttpServerResponse.class},
                    (self, method, args) -> switch (method.getName()) {
                        case "write" -> {
                            written.add((String) args[0]);
                            yield null;
                        }
                        case "writeQueueFull" -> full.get();
                        case "closed" -> closed.get();
                        case "close" -> {
                            closed.set(true);
                            yield null;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    private FakeResponse open(String name, Role role, DnScope dns) {
        FakeResponse response = new FakeResponse();
        events.open(new EventStream(response.proxy(), new ApplicationConfig(name, null, Set.of(role), dns, 1), events));
        return response;
    }

    @Test
    void anEventIsOneFrameToTheStreamsWhoseScopeHasTheDn() {
        FakeResponse everyDn = open("supervisor", Role.SUPERVISOR, DnScope.ANY);
        FakeResponse other = open("scoped", Role.SUPERVISOR, DnScope.of(List.of("1002")));
        events.screenCapture(new UserEvent("e-1", 1, clock.instant(), "1001", null, Map.of(), "enabled", "vendor"));
        events.callChanged(new CallRegistry(clock).established("00000000000000f1", "1002", "5000", null, null, null));

        assertEquals(List.of("event: screen-capture\nid: 1\ndata: {\"dn\":\"1001\",\"state\":\"enabled\",\"time\":\"2026-12-03T10:00:00Z\"}\n\n",
                "event: call\nid: 2\ndata: {\"connectionId\":\"00000000000000f1\",\"parties\":[\"1002\",\"5000\"],\"joined\":[\"1002\",\"5000\"],"
                        + "\"left\":[],\"ended\":false,\"started\":\"2026-12-03T10:00:00Z\",\"time\":\"2026-12-03T10:00:00Z\"}\n\n"),
                everyDn.written);
        assertEquals(1, other.written.size(), other.written::toString);
        assertTrue(other.written.get(0).startsWith("event: call\nid: 2\n"));
    }

    @Test
    void aStreamThatDoesNotReadIsClosedAndGetsNothingMore() {
        FakeResponse slow = open("supervisor", Role.SUPERVISOR, DnScope.ANY);
        FakeResponse reading = open("desktop", Role.DESKTOP, DnScope.ANY);
        slow.full.set(true);
        events.keepAlive();
        assertTrue(slow.closed.get(), "the slow stream is closed");
        assertEquals(List.of(), slow.written);
        assertEquals(List.of(ApiEvents.KEEP_ALIVE), reading.written);
        assertEquals(1, events.open());

        slow.full.set(false);
        events.keepAlive();
        assertEquals(List.of(), slow.written, "a closed stream gets nothing");
        events.closeAll();
        assertEquals(0, events.open());
        assertTrue(reading.closed.get());
    }
}
