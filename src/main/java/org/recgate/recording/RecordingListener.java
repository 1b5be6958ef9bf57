package org.recgate.recording;

import org.recgate.call.Call;

/** Told of every state change of a recording, after it happened (indications, Kafka). */
@FunctionalInterface
public interface RecordingListener {
    void recordingChanged(Call call, Recording recording, StateChange change, Cause cause);
}
