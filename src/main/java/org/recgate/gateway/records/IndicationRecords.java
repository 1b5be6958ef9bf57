package org.recgate.gateway.records;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.recgate.call.Call;
import org.recgate.recording.RecorderFailover;
import org.recgate.recording.Recording;
import org.recgate.recording.RecordingChange;
import org.recgate.recording.RecordingDestination;
import org.recgate.recording.RecordingRegistry;
import org.recgate.recording.RequestedBy;
import org.recgate.support.RandomUuid;

/**
 * The {@code recording-indication/1} record of a state change (docs/kafka.md), for
 * {@code tlib.recording.indications}, keyed by connection ID so each call's records stay in order.
 */
public final class IndicationRecords {

    /** The exchange property recording-indications keeps the change in while the body is an event. */
    public static final String CHANGE = "RecordingChange";

    private final RecordingRegistry recordings;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();

    public IndicationRecords(RecordingRegistry recordings, Clock clock) {
        this.recordings = recordings;
        this.clock = clock;
    }

    /** The record of the change; its Kafka key, the connection ID, in the header {@value RecordKeys#KAFKA_KEY}. */
    public Map<String, Object> record(@ExchangeProperty(CHANGE) RecordingChange change, Message message) {
        Recording recording = change.recording();
        Call call = change.call();
        message.setHeader(RecordKeys.KAFKA_KEY, call.connectionId());
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("schema", "recording-indication/1");
        record.put("eventId", RandomUuid.next().toString());
        record.put("sequence", sequence.incrementAndGet());
        record.put("time", clock.instant().toString());
        record.put("connectionId", call.connectionId());
        if (call.callUuid() != null) {
            record.put("callUuid", call.callUuid());
        }
        record.put("recordingId", recording.id());
        record.put("recordedDn", recording.recordedDn());
        record.put("side", recording.side().wireName());
        record.put("state", change.change().next().gsipValue());
        record.put("previousState", change.change().previous().gsipValue());
        record.put("gsipRecord", recordings.gsipRecord(call.connectionId()));
        record.put("fileName", recording.fileName());
        record.put("cause", change.cause().wireName());
        if (recording.requestedBy() != null) {
            record.put("requestedBy", requestedBy(recording.requestedBy()));
        }
        record.put("destinations", destinations(recording));
        record.put("params", recording.params());
        if (change.failover() != null) {
            record.put("failover", failover(change.failover()));
        }
        return record;
    }

    /** Cause recorder-failover: which destination moved from where to where, and the gap in between. */
    private static Map<String, Object> failover(RecorderFailover failover) {
        Map<String, Object> moved = new LinkedHashMap<>();
        moved.put("role", failover.role().wireName());
        moved.put("from", failover.from());
        moved.put("to", failover.to());
        moved.put("gapStart", failover.gapStart() == null ? null : failover.gapStart().toString());
        moved.put("gapEnd", failover.gapEnd() == null ? null : failover.gapEnd().toString());
        moved.values().removeIf(Objects::isNull);
        return moved;
    }

    private static List<Map<String, Object>> destinations(Recording recording) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (RecordingDestination destination : recording.destinations()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("uri", destination.uri());
            entry.put("role", destination.role().wireName());
            entry.put("dialect", destination.dialect().wireName());
            if (destination.status() != null) {
                entry.put("status", destination.status().wireName());
            }
            if (destination.sipStatus() != null) {
                entry.put("sipStatus", destination.sipStatus());
            }
            list.add(entry);
        }
        return list;
    }

    /** Who asked for a recording, as the indication and the state record carry it: the fields it has. */
    static Map<String, Object> requestedBy(RequestedBy requestedBy) {
        Map<String, Object> by = new LinkedHashMap<>();
        by.put("application", requestedBy.application());
        by.put("thisDn", requestedBy.thisDn());
        by.put("referenceId", requestedBy.referenceId());
        by.values().removeIf(Objects::isNull);
        return by;
    }
}
