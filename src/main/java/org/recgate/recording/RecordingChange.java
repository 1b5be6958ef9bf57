package org.recgate.recording;

import org.recgate.call.Call;

/**
 * A recording's stable state changed (Off, On, Paused) and why: what clients are told
 * (EventAttachedDataChanged) and what goes on Kafka (the indication). The route
 * {@code recording-indications} takes one at a time. {@code failover}: with cause
 * {@code recorder-failover}, which destination moved where and the gap; else null.
 */
public record RecordingChange(Call call, Recording recording, StateChange change, Cause cause, RecorderFailover failover) {

    /** A change that is no failover. */
    public RecordingChange(Call call, Recording recording, StateChange change, Cause cause) {
        this(call, recording, change, cause, null);
    }
}
