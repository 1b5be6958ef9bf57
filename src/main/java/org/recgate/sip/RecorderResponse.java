package org.recgate.sip;

import java.util.List;
import java.util.Optional;

/** The body a {@code sip-recorder:} producer leaves on the exchange: one result per destination, in request order. */
public record RecorderResponse(RecorderOperation operation, String recordingId, List<DestinationResult> results) {

    public RecorderResponse {
        results = List.copyOf(results);
    }

    public Optional<DestinationResult> result(DestinationRole role) {
        return results.stream().filter(r -> r.role() == role).findFirst();
    }
}
