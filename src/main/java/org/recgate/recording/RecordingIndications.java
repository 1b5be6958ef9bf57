package org.recgate.recording;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Body;
import org.apache.camel.CamelContext;
import org.apache.camel.Headers;
import org.apache.camel.ProducerTemplate;
import org.recgate.call.Call;
import org.recgate.kafka.RecordPublisher;
import org.recgate.support.RandomUuid;
import org.recgate.tlib.model.Attr;
import org.recgate.tlib.model.MessageName;
import org.recgate.tlib.model.TlibMessage;
import org.recgate.tlib.server.OutboundWriter;

/**
 * Recording indications (RECORDING.md §2, §5): every state change of a recording goes through the
 * {@code recording-indications} route, whose steps are the methods here: the call's user data
 * (GSIP_RECORD, GSIP_REC_FN), {@code EventAttachedDataChanged} to the clients of the call's DNs
 * when those values changed, and the {@code recording-indication/1} record for Kafka.
 */
public final class RecordingIndications implements RecordingListener {

    public static final String ROUTE = "direct:recording-indication";
    public static final String QUEUE = "seda:kafka-indications";
    /** Header for the route's choice: whether (a) changed GSIP_RECORD or GSIP_REC_FN. */
    public static final String USER_DATA_CHANGED = "UserDataChanged";

    /** One state change on its way through the route. */
    public record Indication(Call call, Recording recording, StateChange change, Cause cause) {
    }

    private final ProducerTemplate template;
    private final RecordingRegistry recordings;
    private final OutboundWriter outbound;
    private final RecordPublisher publisher;
    private final String topic;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();

    public RecordingIndications(CamelContext camel, RecordingRegistry recordings, OutboundWriter outbound,
                                RecordPublisher publisher, String topic, Clock clock) {
        this.template = camel.createProducerTemplate();
        this.recordings = recordings;
        this.outbound = outbound;
        this.publisher = publisher;
        this.topic = topic;
        this.clock = clock;
    }

    @Override
    public void recordingChanged(Call call, Recording recording, StateChange change, Cause cause) {
        template.sendBody(ROUTE, new Indication(call, recording, change, cause));
    }

    /** (a) GSIP_RECORD of the call and, once the first recording is On, GSIP_REC_FN. */
    public void updateUserData(@Body Indication indication, @Headers Map<String, Object> headers) {
        headers.put(USER_DATA_CHANGED, CallRecordingData.update(
                indication.call(), recordings, indication.recording(), indication.change()));
    }

    /**
     * (b) EventAttachedDataChanged, once to each client registered on a party's DN, on the recorded
     * DN (which may have just left the call: its agent learns the recording ended) or on the DN that
     * requested the recording; returns how many clients got it.
     */
    public int notifyClients(@Body Indication indication) {
        Call call = indication.call();
        Set<String> dns = new LinkedHashSet<>(call.parties());
        dns.add(indication.recording().recordedDn());
        RequestedBy requestedBy = indication.recording().requestedBy();
        if (requestedBy != null && requestedBy.thisDn() != null) {
            dns.add(requestedBy.thisDn());
        }
        Map<String, Object> userData = new LinkedHashMap<>();
        Map<String, Object> current = call.userData();
        userData.put(CallRecordingData.GSIP_RECORD, current.get(CallRecordingData.GSIP_RECORD));
        if (current.containsKey(CallRecordingData.GSIP_REC_FN)) {
            userData.put(CallRecordingData.GSIP_REC_FN, current.get(CallRecordingData.GSIP_REC_FN));
        }
        TlibMessage event = TlibMessage.of(MessageName.EVENT_ATTACHED_DATA_CHANGED)
                .with(Attr.CONNECTION_ID, call.connectionId())
                .with(Attr.THIS_DN, indication.recording().recordedDn())
                .with(Attr.THIRD_PARTY_DN, requestedBy == null || indication.recording().recordedDn().equals(requestedBy.thisDn())
                        ? null : requestedBy.thisDn())
                .with(Attr.USER_DATA, userData);
        return outbound.sendToDns(dns, event);
    }

    /** (c) The {@code recording-indication/1} record, key: the connection ID (per-call order). */
    public void publish(@Body Indication indication) {
        Recording recording = indication.recording();
        Call call = indication.call();
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
        record.put("state", indication.change().next().gsipValue());
        record.put("previousState", indication.change().previous().gsipValue());
        record.put("gsipRecord", recordings.gsipRecord(call.connectionId()));
        record.put("fileName", recording.fileName());
        record.put("cause", indication.cause().wireName());
        RequestedBy requestedBy = recording.requestedBy();
        if (requestedBy != null) {
            Map<String, Object> by = new LinkedHashMap<>();
            by.put("application", requestedBy.application());
            by.put("thisDn", requestedBy.thisDn());
            by.put("referenceId", requestedBy.referenceId());
            by.values().removeIf(java.util.Objects::isNull);
            record.put("requestedBy", by);
        }
        record.put("destinations", destinations(recording));
        record.put("params", recording.params());
        publisher.publish(QUEUE, topic, call.connectionId(), record);
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
}
