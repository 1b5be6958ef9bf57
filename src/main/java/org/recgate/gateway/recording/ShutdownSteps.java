package org.recgate.gateway.recording;

import org.apache.camel.Exchange;
import org.recgate.recording.RecordingEndings;

/**
 * The step of the route {@code shutdown-recordings}: with {@code recgate.shutdown.end-recordings=true}
 * the gateway ends every recording before it stops, through the normal stop path (the STOPs go
 * through recorder-request, the Off indications with cause {@code shutdown} through recording-indications).
 */
public final class ShutdownSteps {

    private final RecordingEndings endings;

    public ShutdownSteps(RecordingEndings endings) {
        this.endings = endings;
    }

    public void endAll(Exchange exchange) {
        RecordingOutcomes.leave(exchange, endings.shutdown());
    }
}
