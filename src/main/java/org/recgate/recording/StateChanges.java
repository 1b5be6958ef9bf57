package org.recgate.recording;

import java.util.Optional;
import org.recgate.call.CallRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles recordings and says what clients are to be told: a change is indicated only while its
 * call is known (a recording that ended with its call was indicated then). A recording that ended
 * lets the registry forget the call's older ended ones.
 */
final class StateChanges {

    private static final Logger LOG = LoggerFactory.getLogger(StateChanges.class);

    private final CallRegistry calls;
    private final RecordingRegistry recordings;

    StateChanges(CallRegistry calls, RecordingRegistry recordings) {
        this.calls = calls;
        this.recordings = recordings;
    }

    /**
     * Settles a pending operation ({@code expected} → {@code next}); empty when the recording left
     * {@code expected} meanwhile (a call release ended it) or its stable state did not change.
     */
    Optional<RecordingChange> settle(Recording recording, RecordingState expected, RecordingState next, Cause endCause) {
        if (endCause != null) {
            recording.endedBy(endCause);
        }
        Optional<StateChange> settled = recording.settle(expected, next);
        forgetOldEnded(recording);
        return settled.flatMap(change -> indicated(recording, change,
                next == RecordingState.OFF ? recording.endCause() : recording.startCause()));
    }

    /** Ends the recording from whatever state it is in. */
    Optional<RecordingChange> end(Recording recording, Cause cause) {
        Optional<StateChange> ended = recording.end(cause);
        forgetOldEnded(recording);
        return ended.flatMap(change -> indicated(recording, change, cause));
    }

    private void forgetOldEnded(Recording recording) {
        if (recording.ended()) {
            recordings.forgetOldEnded(recording.connectionId());
        }
    }

    private Optional<RecordingChange> indicated(Recording recording, StateChange change, Cause cause) {
        LOG.debug("{}: {} → {} ({})", recording, change.previous().wireName(), change.next().wireName(), cause.wireName());
        return calls.find(recording.connectionId()).map(call -> new RecordingChange(call, recording, change, cause));
    }
}
