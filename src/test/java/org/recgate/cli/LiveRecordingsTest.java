package org.recgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recgate.recording.Cause;
import org.recgate.recording.RecordingSnapshot;
import org.recgate.recording.RecordingState;
import org.recgate.recording.Side;
import org.recgate.sip.DestinationRole;
import org.recgate.sip.DestinationStatus;
import org.recgate.sip.Dialect;

/** The line and the JSON object of {@code recgate-cli recordings} (docs/cli.md, "recordings"). */
class LiveRecordingsTest {

    private static final Instant REQUESTED = Instant.parse("2026-12-03T10:00:00.123456Z");
    private static final Clock LATER = Clock.fixed(REQUESTED.plusSeconds(2 * 3600 + 3 * 60 + 4), ZoneOffset.UTC);

    private static RecordingSnapshot recording(String fileName, RecordingSnapshot.Destination... destinations) {
        return new RecordingSnapshot("rec-1", "00000000000000a1", "1001", Side.DESTINATION, Cause.REQUEST, null,
                REQUESTED, RecordingState.PAUSED, Map.of(), fileName, List.of(destinations));
    }

    private static RecordingSnapshot.Destination destination(String uri, DestinationRole role, DestinationStatus status) {
        return new RecordingSnapshot.Destination(uri, List.of(uri), role, Dialect.SIPREC, status,
                status == null ? null : 200, null);
    }

    @Test
    void aLineNamesBothDestinationsAndTheTimeSinceTheStart() {
        RecordingSnapshot recording = recording("f1",
                destination("sip:srs@10.0.0.5", DestinationRole.PRIMARY, DestinationStatus.ESTABLISHED),
                destination("sip:srs@10.0.0.6", DestinationRole.DUPLICATE, null));
        assertEquals("00000000000000a1 rec-1 dn=1001 side=destination Paused file=f1 primary=sip:srs@10.0.0.5(established)"
                + " dest2=sip:srs@10.0.0.6(pending) for=2h03m04s since=2026-12-03T10:00:00Z", LiveRecordings.line(recording, LATER));
    }

    @Test
    void whatIsNotThereIsADash() {
        RecordingSnapshot recording = recording(null, destination("sip:srs@10.0.0.5", DestinationRole.PRIMARY, DestinationStatus.TIMEOUT));
        assertEquals("00000000000000a1 rec-1 dn=1001 side=destination Paused file=- primary=sip:srs@10.0.0.5(timeout)"
                + " dest2=- for=00m00s since=2026-12-03T10:00:00Z",
                LiveRecordings.line(recording, Clock.fixed(REQUESTED, ZoneOffset.UTC)));
    }

    @Test
    void theJsonObjectKeepsTheRecordsFieldNames() {
        RecordingSnapshot recording = recording("f1",
                destination("sip:srs@10.0.0.5", DestinationRole.PRIMARY, DestinationStatus.ESTABLISHED),
                destination("sip:srs@10.0.0.6", DestinationRole.DUPLICATE, DestinationStatus.REJECTED));
        assertEquals("{\"connectionId\":\"00000000000000a1\",\"id\":\"rec-1\",\"recordedDn\":\"1001\",\"side\":\"destination\","
                + "\"state\":\"Paused\",\"fileName\":\"f1\",\"primary\":{\"uri\":\"sip:srs@10.0.0.5\",\"status\":\"established\","
                + "\"sipStatus\":200},\"dest2\":{\"uri\":\"sip:srs@10.0.0.6\",\"status\":\"rejected\",\"sipStatus\":200},"
                + "\"requestedAt\":\"2026-12-03T10:00:00.123456Z\",\"recordingForSeconds\":7384}", LiveRecordings.json(recording, LATER));
    }
}
