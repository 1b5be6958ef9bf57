package org.recgate.recording;

import org.recgate.call.Call;

/**
 * A recording's stable state changed (Off, On, Paused) and why: what clients are told
 * (EventAttachedDataChanged) and what goes on Kafka (the indication). The route
 * {@code recording-indications} takes one at a time.
 */
public record RecordingChange(Call call, Recording recording, StateChange change, Cause cause) {
}
