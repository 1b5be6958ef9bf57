package org.recgate.recording;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.recgate.sip.DestinationRole;
import org.recgate.sip.Dialect;

/**
 * A recording went Off because its last recorder went DOWN and no other took its session
 * (cause {@code recorder-failure}): what it takes to set it up again on the first of its recorders
 * that comes back UP while the call lasts (docs/sip-recorder.md "Mid-call failover", the retry).
 *
 * @param role        the destination that was lost
 * @param lostUri     the recorder URI whose session was lost
 * @param candidates  the destination's failover list
 * @param dialect     its dialect
 * @param dialogState the lost session's last dialog state (the same metadata ids and direction for the new one)
 * @param state       the stable state the recording was in (On or Paused): the one it comes back in
 * @param gapStart    when the lost recorder was last known alive
 */
public record RecorderRetry(DestinationRole role, String lostUri, List<String> candidates, Dialect dialect,
                            Map<String, Object> dialogState, RecordingState state, Instant gapStart) {

    public RecorderRetry {
        candidates = List.copyOf(candidates);
    }
}
