package org.recgate.gateway.recording;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.recgate.recording.RecordingEndings;
import org.recgate.sip.RecorderEvent;

/** The {@code recorder-events} route's step: what a recorder did on its own (a BYE) to its recording. */
public final class RecorderEventSteps {

    private final RecordingEndings endings;

    public RecorderEventSteps(RecordingEndings endings) {
        this.endings = endings;
    }

    public void ended(Exchange exchange, @Body RecorderEvent event) {
        RecordingOutcomes.leave(exchange, endings.recorderEnded(event));
    }
}
