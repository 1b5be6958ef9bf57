package org.recgate.recording;

/** A change of a recording's stable state (Off, On, Paused): what indications report. */
public record StateChange(RecordingState previous, RecordingState next) {
}
