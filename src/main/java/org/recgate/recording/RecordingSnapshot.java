package org.recgate.recording;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.recgate.sip.DestinationRole;
import org.recgate.sip.DestinationStatus;
import org.recgate.sip.Dialect;

/**
 * A recording that has not ended, as the state record keeps it (docs/durable-state.md §10): enough
 * for a restarted gateway to show it, control it and continue its recorder dialogs.
 *
 * @param state the stable state clients were last told of: On or Paused
 */
public record RecordingSnapshot(String id, String connectionId, String recordedDn, Side side, Cause startCause,
                                RequestedBy requestedBy, Instant requestedAt, RecordingState state,
                                Map<String, Object> params, String fileName, List<Destination> destinations) {

    public RecordingSnapshot {
        params = Map.copyOf(params);
        destinations = List.copyOf(destinations);
        if (state != RecordingState.ON && state != RecordingState.PAUSED) {
            throw new IllegalArgumentException("recording " + id + ": a kept recording is On or Paused, not " + state);
        }
    }

    /**
     * One destination and where it stood.
     *
     * @param dialogState what the recorder component reported to continue its dialog, or null
     */
    public record Destination(String uri, List<String> candidates, DestinationRole role, Dialect dialect,
                              DestinationStatus status, Integer sipStatus, Map<String, Object> dialogState) {

        public Destination {
            candidates = List.copyOf(candidates);
            if (candidates.isEmpty()) {
                throw new IllegalArgumentException("a destination needs at least one recorder URI");
            }
        }
    }
}
