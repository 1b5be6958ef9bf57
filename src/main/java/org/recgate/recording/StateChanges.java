package org.recgate.recording;

import java.util.Optional;
import org.recgate.call.CallRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles recordings and says what clients are to be told: a change is indicated only while its
 * call is known (a recording that ended with its call was indicated then).
 */
final class StateChanges {

    private static final Logger LOG = LoggerFactory.getLogger(StateChanges.class);

    private final CallRegistry calls;

    StateChanges(CallRegistry calls) {
        this.calls = calls;
    }

    /**
     * Settles a pending operation ({@code expected} → {@code next}); empty when the recording left
     * {@code expected} meanwhile (a call release ended it) or its stable state did not change.
     */
    Optional<RecordingChange> settle(Recording recording, RecordingState expected, RecordingState next, Cause endCause) {
        if (endCause != null) {
            recording.endedBy(endCause);
        }
        return recording.settle(expected, next).flatMap(change -> indicated(recording, change,
                next == RecordingState.OFF ? recording.endCause() : recording.startCause()));
    }

    /** Ends the recording from whatever state it is in. */
    Optional<RecordingChange> end(Recording recording, Cause cause) {
        return recording.end(cause).flatMap(change -> indicated(recording, change, cause));
    }

    private Optional<RecordingChange> indicated(Recording recording, StateChange change, Cause cause) {
        LOG.debug("{}: {} → {} ({})", recording, change.previous().wireName(), change.next().wireName(), cause.wireName());
        return calls.find(recording.connectionId()).map(call -> new RecordingChange(call, recording, change, cause));
    }
}
