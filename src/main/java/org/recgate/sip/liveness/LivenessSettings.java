package org.recgate.sip.liveness;

import java.util.List;

/**
 * How recorders are kept alive (docs/sip-recorder.md, "Recorder liveness").
 *
 * @param recorders  the configured recorder URIs, each sent OPTIONS even without a session on it
 * @param intervalMs how often each recorder gets OPTIONS, and how long each waits for its answer; 0: off
 * @param failures   missed answers in a row that mark a recorder DOWN
 * @param fromUser   the user part of From
 * @param domain     the host part of From
 */
public record LivenessSettings(List<String> recorders, long intervalMs, int failures, String fromUser, String domain) {

    public LivenessSettings {
        recorders = List.copyOf(recorders);
    }

    public boolean enabled() {
        return intervalMs > 0;
    }
}
