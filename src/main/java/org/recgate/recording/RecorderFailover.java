package org.recgate.recording;

import java.time.Instant;
import org.recgate.sip.DestinationRole;

/**
 * A destination of a recording moved to another recorder mid-call because its recorder went DOWN
 * (docs/recording.md §5, docs/sip-recorder.md "Mid-call failover"): what the indication says of it.
 *
 * @param role     the destination that moved
 * @param from     the recorder URI whose session was lost
 * @param gapStart when that recorder was last known alive
 * @param to       the recorder URI of the new session; null until it is established
 * @param gapEnd   when the new session was confirmed (its 2xx ACKed); null until then
 */
public record RecorderFailover(DestinationRole role, String from, Instant gapStart, String to, Instant gapEnd) {

    /** A failover under way: the lost session's side. */
    static RecorderFailover from(DestinationRole role, String from, Instant gapStart) {
        return new RecorderFailover(role, from, gapStart, null, null);
    }

    /** The new session is confirmed at {@code to}, at {@code now}: the gap is over. */
    RecorderFailover confirmed(String newUri, Instant now) {
        return new RecorderFailover(role, from, gapStart, newUri, now);
    }
}
