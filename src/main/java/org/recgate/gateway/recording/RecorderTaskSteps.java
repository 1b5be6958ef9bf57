package org.recgate.gateway.recording;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.recgate.recording.RecorderTask;
import org.recgate.recording.RecordingEndings;
import org.recgate.sip.RecorderRequest;
import org.recgate.sip.RecorderResponse;

/**
 * Steps of the {@code recorder-request} route, which carries the recorder requests the gateway
 * sends on its own (automatic starts, stops when a call ends) to the same {@code sip-recorder}
 * endpoint the client requests use, and hands each answer back to recording control.
 */
public final class RecorderTaskSteps {

    /** Property: the task on its way to the recorder. */
    static final String TASK = "RecorderTask";

    private final RecordingEndings endings;

    public RecorderTaskSteps(RecordingEndings endings) {
        this.endings = endings;
    }

    /** The body for {@code sip-recorder}: the task's request (the task waits in a property). */
    public RecorderRequest request(Exchange exchange, @Body RecorderTask task) {
        exchange.setProperty(TASK, task);
        return task.request();
    }

    public void answered(Exchange exchange, @ExchangeProperty(TASK) RecorderTask task, @Body RecorderResponse response) {
        RecordingOutcomes.leave(exchange, endings.answered(task, response, null));
    }

    /** The request could not be sent at all (the route configuration's handler). */
    public void failed(Exchange exchange, @ExchangeProperty(TASK) RecorderTask task) {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        RecordingOutcomes.leave(exchange, endings.answered(task, null, error));
    }
}
