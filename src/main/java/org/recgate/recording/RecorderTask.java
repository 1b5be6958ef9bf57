package org.recgate.recording;

import org.recgate.call.Call;
import org.recgate.sip.RecorderRequest;

/**
 * A recorder request the gateway sends on its own, no client waiting: an automatic START
 * (full-time, routing), or a STOP when a call ends or a side leaves it. It goes through the route
 * {@code recorder-request}, whose last step hands the answer back with this task
 * ({@link RecorderAnswers}).
 */
public record RecorderTask(Recording recording, Call call, RecorderRequest request) {
}
