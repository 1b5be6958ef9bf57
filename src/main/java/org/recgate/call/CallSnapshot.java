package org.recgate.call;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A call as the state record keeps it (docs/durable-state.md §10): what a restarted gateway needs to
 * know the call again. No Kafka and no JSON here.
 *
 * @param connectionId the call's AttrConnectionID
 * @param started      when the gateway first saw it
 * @param lastEvent    when its last call event came (a restored call without events ends as stale)
 * @param callUuid     the switch's call UUID, or null
 * @param ani          the caller's number, or null
 * @param dnis         the called number, or null
 * @param parties      the DNs on the call, in the order they joined
 * @param userData     its user data (GSIP_RECORD, GSIP_REC_FN and the rest)
 */
public record CallSnapshot(String connectionId, Instant started, Instant lastEvent, String callUuid, String ani, String dnis,
                           List<String> parties, Map<String, Object> userData) {

    public CallSnapshot {
        parties = List.copyOf(parties);
        userData = Map.copyOf(userData);
    }
}
