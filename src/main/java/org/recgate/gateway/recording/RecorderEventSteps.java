package org.recgate.gateway.recording;

import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.recgate.recording.RecorderTask;
import org.recgate.recording.RecordingEndings;
import org.recgate.recording.RecordingOutcome;
import org.recgate.sip.RecorderEvent;

/**
 * The {@code recorder-events} route's steps: what a recorder did on its own (a BYE) to its recording,
 * a recorder that went DOWN under a live destination (mid-call failover), and one UP again (the retry).
 */
public final class RecorderEventSteps {

    private final RecordingEndings endings;

    public RecorderEventSteps(RecordingEndings endings) {
        this.endings = endings;
    }

    /**
     * A recorder is UP again: the RESTOREs that retry there the recordings left with no recorder, as the
     * body (a list, maybe empty) for {@code recorder-request}, one each.
     */
    public List<RecorderTask> retries(@Body RecorderEvent event) {
        return List.copyOf(endings.recorderUp(event).tasks());
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
