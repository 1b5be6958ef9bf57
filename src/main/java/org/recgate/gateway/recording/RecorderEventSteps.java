package org.recgate.gateway.recording;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.recgate.recording.RecorderTask;
import org.recgate.recording.RecordingEndings;
import org.recgate.recording.RecordingOutcome;
import org.recgate.sip.RecorderEvent;

/**
 * The {@code recorder-events} route's steps: what a recorder did on its own (a BYE) to its recording,
 * and a recorder that went DOWN under a live destination (mid-call failover).
 */
public final class RecorderEventSteps {

    private final RecordingEndings endings;

    public RecorderEventSteps(RecordingEndings endings) {
        this.endings = endings;
    }

    public void ended(Exchange exchange, @Body RecorderEvent event) {
        RecordingOutcomes.leave(exchange, endings.recorderEnded(event));
    }

    /**
     * The RESTORE that moves the destination to the next recorder, as the body for
     * {@code recorder-request}; null when there is nothing to move (the state changes of a destination
     * that could not move are left for {@code recording-outcome}).
     */
    public RecorderTask failover(Exchange exchange, @Body RecorderEvent event) {
        RecordingOutcome outcome = endings.recorderDown(event);
        RecorderTask task = outcome.tasks().isEmpty() ? null : outcome.tasks().get(0);
        outcome.tasks().clear();
        RecordingOutcomes.leave(exchange, outcome);
        return task;
    }
}
