package org.recgate.sip;

import java.util.List;

/**
 * The body sent to a {@code sip-recorder:} producer: do {@code operation} for the recording on
 * each of its destinations. For START the destinations carry their failover candidates; for the
 * other operations they name the live dialogs by the URI that answered at setup.
 */
public record RecorderRequest(RecorderOperation operation, RecordingSessionSpec session,
                              List<RecorderDestination> destinations) {

    public RecorderRequest {
        destinations = List.copyOf(destinations);
    }
}
