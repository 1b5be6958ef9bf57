package org.recgate.gateway.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultMessage;
import org.junit.jupiter.api.Test;
import org.recgate.call.CallRegistry;
import org.recgate.call.CallSnapshot;
import org.recgate.kafka.RecordSchemas;
import org.recgate.recording.Cause;
import org.recgate.recording.RecorderTask;
import org.recgate.recording.RecordingRegistry;
import org.recgate.recording.RecordingRestore;
import org.recgate.recording.RecordingSnapshot;
import org.recgate.recording.RecordingState;
import org.recgate.recording.RequestedBy;
import org.recgate.recording.Side;
import org.recgate.sip.DestinationRole;
import org.recgate.sip.DestinationStatus;
import org.recgate.sip.Dialect;
import org.recgate.sip.RecorderOperation;

/** The call-state/1 record: valid against its schema, and read back to the same call and recordings. */
class CallStateRecordsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONN = "00000000000000d1";

    private final CallRegistry calls = new CallRegistry(Clock.systemUTC());
    private final RecordingRegistry recordings = new RecordingRegistry(100, new RecordingRegistry.Limits(4, 2), () -> { });
    private final CallStateRecords records = new CallStateRecords(calls, recordings,
            Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC));
    private final DefaultMessage message = new DefaultMessage(new DefaultCamelContext());

    private final CallSnapshot call = new CallSnapshot(CONN, Instant.parse("2026-12-03T09:59:00Z"),
            Instant.parse("2026-12-03T09:59:10Z"), "UUID-1", "+15550100", "800",
            List.of("1001", "5000"), Map.of("GSIP_RECORD", "Paused", "GSIP_REC_FN", "f.wav"));
    private final RecordingSnapshot paused = new RecordingSnapshot("rec-1", CONN, "1001", Side.SOURCE, Cause.REQUEST,
            new RequestedBy("desktop", "1001", 7L), Instant.parse("2026-12-03T09:59:30Z"), RecordingState.PAUSED,
            Map.of("campaign", "autumn"), "f.wav", List.of(new RecordingSnapshot.Destination("sip:srs@10.0.0.9",
            List.of("sip:srs@10.0.0.9", "sip:srs2@10.0.0.10"), DestinationRole.PRIMARY, Dialect.SIPREC,
            DestinationStatus.ESTABLISHED, 200, Map.of("dialog", Map.of("callId", "abc", "localCseq", 2)))));

    @Test
    void aRestoredCallGivesBackTheRecordItWasRestoredFrom() throws Exception {
        List<RecorderTask> tasks = new RecordingRestore(calls, recordings).restore(call, List.of(paused));

        Map<String, Object> record = records.record(CONN, message);
        String json = JSON.writeValueAsString(record);
        RecordSchemas.assertValid("call-state-1", json);
        assertEquals(CONN, message.getHeader(RecordKeys.KAFKA_KEY));

        CallStateRecords.Kept kept = CallStateRecords.parse(JSON.readValue(json, new TypeReference<Map<String, Object>>() { }));
        assertEquals(call, kept.call());
        assertEquals(List.of(paused), kept.recordings());
        assertEquals(1, tasks.size(), "one RESTORE for the live destination");
        assertEquals(RecorderOperation.RESTORE, tasks.get(0).request().operation());
        assertEquals(paused.destinations().get(0).dialogState(), tasks.get(0).request().destinations().get(0).dialogState());
    }

    @Test
    void aCallTheGatewayNoLongerKnowsIsATombstone() {
        assertNull(records.record(CONN, message));
        assertEquals(CONN, message.getHeader(RecordKeys.KAFKA_KEY), "a tombstone still has its key");
    }

    @Test
    void aRecordThatIsNotOneSaysWhatIsWrong() {
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> CallStateRecords.parse(Map.of("schema", "call-state/1", "started", "2026-12-03T09:59:00Z")));
        assertTrue(wrong.getMessage().contains("connectionId"), wrong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CallStateRecords.parse(Map.of("schema", "audit/1")));
    }
}
