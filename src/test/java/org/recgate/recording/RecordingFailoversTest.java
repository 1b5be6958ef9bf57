package org.recgate.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The failover list of a destination whose recorder failed: the candidates after it, read as a ring, without it. */
class RecordingFailoversTest {

    @Test
    void theNextRecordersFollowTheLostOneAroundTheList() {
        List<String> candidates = List.of("sip:a@h:1", "sip:b@h:2", "sip:c@h:3");
        assertEquals(List.of("sip:b@h:2", "sip:c@h:3"), RecordingFailovers.next(candidates, "sip:a@h:1"));
        assertEquals(List.of("sip:c@h:3", "sip:a@h:1"), RecordingFailovers.next(candidates, "sip:b@h:2"));
        assertEquals(List.of("sip:a@h:1", "sip:b@h:2"), RecordingFailovers.next(candidates, "sip:c@h:3"));
    }

    @Test
    void aLoneRecorderLeavesNoneAndAnUnlistedOneLeavesAll() {
        assertEquals(List.of(), RecordingFailovers.next(List.of("sip:a@h:1"), "sip:a@h:1"));
        assertEquals(List.of("sip:a@h:1"), RecordingFailovers.next(List.of("sip:a@h:1"), "sip:dest@h:9"));
    }
}
