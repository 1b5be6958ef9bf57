package org.recgate.sip.demo;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a recording client said it wants recorded, as the demo recorder read it from the
 * recording metadata (RFC 7865): the gateway's own {@code <rg:tlib>} element and the participants.
 * Any value the metadata left out is null (or empty).
 *
 * @param recordingId  the recording id ({@code rg:recordingId})
 * @param connectionId the call's connection id
 * @param callUuid     the switch's call UUID
 * @param recordedDn   the DN whose side is recorded
 * @param side         {@code source} or {@code destination}
 * @param fileName     the file name the gateway chose
 * @param params       the {@code rg:param} values in document order; a nested list is a nested map
 * @param participants the {@code <participant>} elements in document order
 */
record RecordingDescription(String recordingId, String connectionId, String callUuid, String recordedDn,
                            String side, String fileName, Map<String, Object> params,
                            List<Participant> participants) {

    /**
     * One {@code <participant>}: its id and its first {@code <nameID>}.
     *
     * @param id   the {@code participant_id}
     * @param aor  the {@code aor} of the first nameID, or null
     * @param name the {@code <name>} of that nameID, or null
     */
    record Participant(String id, String aor, String name) {
    }

    /** Before any metadata was read. */
    static final RecordingDescription NONE = new RecordingDescription(null, null, null, null, null, null, Map.of(), List.of());

    RecordingDescription {
        // Not Map.copyOf: the file shows the params in the order the metadata gave them.
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        participants = List.copyOf(participants);
    }
}
