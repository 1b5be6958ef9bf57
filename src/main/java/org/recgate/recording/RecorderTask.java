package org.recgate.recording;

import org.recgate.call.Call;
import org.recgate.sip.RecorderRequest;

/**
 * A recorder request the gateway sends on its own, no client waiting: an automatic START
 * (full-time, routing), or a STOP when a call ends or a side leaves it. It goes through the route
 * {@code recorder-request}, whose last step hands the answer back with this task
 * ({@link RecorderAnswers}). A RESTORE after a restart, or one that moves a destination whose recorder
 * went DOWN ({@code failover} set: the lost session, docs/sip-recorder.md "Mid-call failover").
 */
public record RecorderTask(Recording recording, Call call, RecorderRequest request, RecorderFailover failover) {

    /** A task that is no failover. */
    public RecorderTask(Recording recording, Call call, RecorderRequest request) {
        this(recording, call, request, null);
    }
}
