package org.recgate.gateway.records;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.recgate.call.CallChange;
import org.recgate.gateway.recording.CallChangeSteps;
import org.recgate.recording.RecordingChange;
import org.recgate.call.Call;
import org.recgate.call.CallRegistry;
import org.recgate.call.CallSnapshot;
import org.recgate.recording.Cause;
import org.recgate.recording.Recording;
import org.recgate.recording.RecordingRegistry;
import org.recgate.recording.RecordingSnapshot;
import org.recgate.recording.RecordingState;
import org.recgate.recording.RequestedBy;
import org.recgate.recording.Side;
import org.recgate.sip.DestinationRole;
import org.recgate.sip.DestinationStatus;
import org.recgate.sip.Dialect;

/**
 * The {@code call-state/1} record (docs/kafka.md, docs/durable-state.md §10) of the compacted state
 * topic, keyed by connection ID: a call the gateway knows, with its recordings that have not ended
 * and what continues each recorder dialog; no record (a tombstone) once the call is gone. Also reads
 * one back after a restart ({@link #parse}).
 */
public final class CallStateRecords {

    public static final String SCHEMA = "call-state/1";

    private final CallRegistry calls;
    private final RecordingRegistry recordings;
    private final Clock clock;

    public CallStateRecords(CallRegistry calls, RecordingRegistry recordings, Clock clock) {
        this.calls = calls;
        this.recordings = recordings;
        this.clock = clock;
    }

    /** A call and what a restart restores of it. */
    public record Kept(CallSnapshot call, List<RecordingSnapshot> recordings) {
    }

    /** The state record of the call a recording state change belongs to (recording-indications). */
    public Map<String, Object> ofChange(@ExchangeProperty(IndicationRecords.CHANGE) RecordingChange change, Message message) {
        return record(change.call().connectionId(), message);
    }

    /** The state record of the call a call event changed (call-changed): a tombstone once it ended. */
    public Map<String, Object> ofCallChange(@ExchangeProperty(CallChangeSteps.CALL_CHANGE) CallChange change, Message message) {
        return record(change.call().connectionId(), message);
    }

    /**
     * The state record of the call {@code connectionId} as it is now, or null (a tombstone) when the
     * gateway no longer knows the call; its key in the header {@value RecordKeys#KAFKA_KEY}.
     */
    public Map<String, Object> record(String connectionId, Message message) {
        message.setHeader(RecordKeys.KAFKA_KEY, connectionId);
        Optional<Call> found = calls.find(connectionId);
        if (found.isEmpty()) {
            return null;
        }
        CallSnapshot call = found.get().snapshot();
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("schema", SCHEMA);
        record.put("time", clock.instant().toString());
        record.put("connectionId", connectionId);
        record.put("started", call.started().toString());
        record.put("lastEvent", call.lastEvent().toString());
        putIfSet(record, "callUuid", call.callUuid());
        putIfSet(record, "ani", call.ani());
        putIfSet(record, "dnis", call.dnis());
        record.put("parties", call.parties());
        record.put("userData", call.userData());
        List<Map<String, Object>> kept = new ArrayList<>();
        for (Recording recording : recordings.ofCall(connectionId)) {
            recording.snapshot().ifPresent(snapshot -> kept.add(recording(snapshot)));
        }
        record.put("recordings", kept);
        return record;
    }

    private static Map<String, Object> recording(RecordingSnapshot snapshot) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", snapshot.id());
        entry.put("recordedDn", snapshot.recordedDn());
        entry.put("side", snapshot.side().wireName());
        entry.put("state", snapshot.state().gsipValue());
        entry.put("startCause", snapshot.startCause().wireName());
        entry.put("requestedAt", snapshot.requestedAt().toString());
        if (snapshot.requestedBy() != null) {
            entry.put("requestedBy", IndicationRecords.requestedBy(snapshot.requestedBy()));
        }
        putIfSet(entry, "fileName", snapshot.fileName());
        entry.put("params", snapshot.params());
        List<Map<String, Object>> destinations = new ArrayList<>();
        for (RecordingSnapshot.Destination destination : snapshot.destinations()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("uri", destination.uri());
            d.put("candidates", destination.candidates());
            d.put("role", destination.role().wireName());
            d.put("dialect", destination.dialect().wireName());
            putIfSet(d, "status", destination.status() == null ? null : destination.status().wireName());
            putIfSet(d, "sipStatus", destination.sipStatus());
            putIfSet(d, "dialogState", destination.dialogState());
            destinations.add(d);
        }
        entry.put("destinations", destinations);
        return entry;
    }

    /**
     * The call and recordings a state record kept; an {@link IllegalArgumentException} saying what is
     * wrong with a record that is not one.
     */
    @SuppressWarnings("unchecked")
    public static Kept parse(Map<String, Object> record) {
        if (!SCHEMA.equals(record.get("schema"))) {
            throw new IllegalArgumentException("not a " + SCHEMA + " record: schema " + record.get("schema"));
        }
        String connectionId = text(record, "connectionId");
        Instant started = Instant.parse(text(record, "started"));
        CallSnapshot call = new CallSnapshot(connectionId, started,
                record.get("lastEvent") instanceof String last ? Instant.parse(last) : started,
                (String) record.get("callUuid"), (String) record.get("ani"), (String) record.get("dnis"),
                (List<String>) record.getOrDefault("parties", List.of()),
                (Map<String, Object>) record.getOrDefault("userData", Map.of()));
        List<RecordingSnapshot> kept = new ArrayList<>();
        for (Map<String, Object> entry : (List<Map<String, Object>>) record.getOrDefault("recordings", List.of())) {
            kept.add(recording(connectionId, entry));
        }
        return new Kept(call, kept);
    }

    @SuppressWarnings("unchecked")
    private static RecordingSnapshot recording(String connectionId, Map<String, Object> entry) {
        Map<String, Object> by = (Map<String, Object>) entry.get("requestedBy");
        RequestedBy requestedBy = by == null ? null : new RequestedBy((String) by.get("application"), (String) by.get("thisDn"),
                by.get("referenceId") == null ? null : ((Number) by.get("referenceId")).longValue());
        List<RecordingSnapshot.Destination> destinations = new ArrayList<>();
        for (Map<String, Object> d : (List<Map<String, Object>>) entry.get("destinations")) {
            destinations.add(new RecordingSnapshot.Destination(text(d, "uri"), (List<String>) d.get("candidates"),
                    wire(DestinationRole.class, text(d, "role"), DestinationRole::wireName), Dialect.parse(text(d, "dialect")),
                    d.get("status") == null ? null : wire(DestinationStatus.class, (String) d.get("status"), DestinationStatus::wireName),
                    d.get("sipStatus") == null ? null : ((Number) d.get("sipStatus")).intValue(),
                    (Map<String, Object>) d.get("dialogState")));
        }
        return new RecordingSnapshot(text(entry, "id"), connectionId, text(entry, "recordedDn"),
                wire(Side.class, text(entry, "side"), Side::wireName),
                wire(Cause.class, text(entry, "startCause"), Cause::wireName), requestedBy,
                Instant.parse(text(entry, "requestedAt")),
                wire(RecordingState.class, text(entry, "state"), RecordingState::gsipValue),
                (Map<String, Object>) entry.getOrDefault("params", Map.of()), (String) entry.get("fileName"), destinations);
    }

    private static String text(Map<String, Object> map, String name) {
        if (!(map.get(name) instanceof String value) || value.isEmpty()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    private static <E extends Enum<E>> E wire(Class<E> type, String value, java.util.function.Function<E, String> name) {
        for (E constant : type.getEnumConstants()) {
            if (name.apply(constant).equals(value)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("not a " + type.getSimpleName().toLowerCase(Locale.ROOT) + ": " + value);
    }

    private static void putIfSet(Map<String, Object> map, String name, Object value) {
        if (value != null) {
            map.put(name, value);
        }
    }
}
