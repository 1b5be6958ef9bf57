package org.recgate.sip;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a recorder is told about a recording (SIPREC metadata, MSML record attributes): the
 * gateway's recording and the call it belongs to. No SIP and no Camel here.
 *
 * @param recordingId  the recording id (AttrExtensions {@code id}), unique
 * @param connectionId the call's AttrConnectionID (16 lower-case hex digits)
 * @param callUuid     the switch's call UUID, or null
 * @param recordedDn   the DN whose side is recorded
 * @param side         {@code source} or {@code destination} (the request's {@code record})
 * @param participants the call's parties
 * @param params       name-value pairs of the request's {@code params} (strings, numbers, nested lists)
 * @param fileName     the recording's file name (GSIP_REC_FN)
 * @param startTime    when the recording was requested
 */
public record RecordingSessionSpec(String recordingId, String connectionId, String callUuid, String recordedDn,
                                   String side, List<Participant> participants, Map<String, Object> params,
                                   String fileName, Instant startTime) {

    public RecordingSessionSpec {
        participants = List.copyOf(participants);
        params = Map.copyOf(params);
    }
}
