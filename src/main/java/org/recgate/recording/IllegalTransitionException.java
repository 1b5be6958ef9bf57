package org.recgate.recording;

/** A transition that the recording's current state does not allow; nothing was changed. */
public final class IllegalTransitionException extends RuntimeException {

    private final RecordingState actual;

    IllegalTransitionException(String recordingId, RecordingState expected, RecordingState actual, RecordingState next) {
        super("recording " + recordingId + " is " + actual.wireName() + ", not " + expected.wireName()
                + ", so it cannot become " + next.wireName(), null, false, false);
        this.actual = actual;
    }

    public RecordingState actual() {
        return actual;
    }
}
