package org.recgate.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.recgate.call.Call;
import org.recgate.call.CallChange;
import org.recgate.gateway.recording.CallChangeSteps;
import org.recgate.gateway.records.IndicationRecords;
import org.recgate.gateway.userevent.UserEventSteps;
import org.recgate.recording.RecordingChange;
import org.recgate.userevent.UserEvent;

/**
 * The events of {@code GET /api/v1/events} (docs/api.md, "Events"), as Server-Sent Events (HTML
 * Living Standard, "Server-sent events": {@code event:}, {@code id:} and {@code data:} lines, a blank
 * line ends each): the route steps of recording-indications, tlib-user-events and call-changed hand
 * each event over, and it is written to every open stream whose application sees the call or DN
 * (the DN scope of {@code GET /calls}). Writing never waits: a stream too slow to take its events is
 * closed ({@link EventStream}).
 */
public final class ApiEvents {

    static final String RECORDING = "recording";
    static final String SCREEN_CAPTURE = "screen-capture";
    static final String CALL = "call";
    /** A comment line (it starts with a colon): the client ignores it, proxies see traffic. */
    static final String KEEP_ALIVE = ": keep-alive\n\n";

    private final Set<EventStream> streams = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong();
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;

    public ApiEvents(Clock clock) {
        this.clock = clock;
    }

    /** recording-indications' step: the recording-indication/1 record (the body) to whoever sees the call or the recorded DN. */
    public void indication(@ExchangeProperty(IndicationRecords.CHANGE) RecordingChange change, @Body Map<String, Object> record) {
        if (streams.isEmpty()) {
            return; // nobody listens: nothing built (a step of every recording change, docs/performance.md)
        }
        Set<String> dns = new LinkedHashSet<>(change.call().parties());
        dns.add(change.recording().recordedDn());
        publish(RECORDING, record, dns);
    }

    /** tlib-user-events' step for a vendor's indication: the DN's screen-capture state. */
    public void screenCapture(@ExchangeProperty(UserEventSteps.USER_EVENT) UserEvent event) {
        if (streams.isEmpty()) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("dn", event.dn());
        data.put("state", event.screenCapture());
        data.put("time", event.time().toString());
        if (event.connectionId() != null) {
            data.put("connectionId", event.connectionId());
        }
        publish(SCREEN_CAPTURE, data, List.of(event.dn()));
    }

    /** call-changed's step: a call appeared, changed parties or ended (the parties that left still see it). */
    public void callChanged(@ExchangeProperty(CallChangeSteps.CALL_CHANGE) CallChange change) {
        if (change == null || streams.isEmpty()) {
            return;
        }
        Call call = change.call();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("connectionId", call.connectionId());
        if (change.renumbered()) {
            data.put("previousConnectionId", change.previousConnectionId());
        }
        data.put("parties", call.parties());
        // sorted: a change holds them as sets, whose order is not the same from one run to the next
        data.put("joined", change.joined().stream().sorted().toList());
        data.put("left", change.left().stream().sorted().toList());
        data.put("ended", change.ended());
        data.put("started", call.started().toString());
        data.put("time", clock.instant().toString());
        Set<String> dns = new LinkedHashSet<>(call.parties());
        dns.addAll(change.left());
        publish(CALL, data, dns);
    }

    void open(EventStream stream) {
        streams.add(stream);
    }

    void closed(EventStream stream) {
        streams.remove(stream);
    }

    /** Every {@code recgate.api.events.keepalive-ms}: a comment line to every stream. */
    public void keepAlive() {
        streams.forEach(stream -> stream.send(KEEP_ALIVE));
    }

    /** The gateway stops: every stream ends. */
    public void closeAll() {
        streams.forEach(EventStream::close);
    }

    public int open() {
        return streams.size();
    }

    private void publish(String name, Map<String, Object> data, Collection<String> dns) {
        if (streams.isEmpty()) {
            return;
        }
        String frame;
        try {
            frame = "event: " + name + "\nid: " + ids.incrementAndGet() + "\ndata: " + json.writeValueAsString(data) + "\n\n";
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the " + name + " event cannot be written as JSON", e);
        }
        for (EventStream stream : streams) {
            if (stream.sees(dns)) {
                stream.send(frame);
            }
        }
    }
}
