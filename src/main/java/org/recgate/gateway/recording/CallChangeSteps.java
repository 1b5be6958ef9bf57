package org.recgate.gateway.recording;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.recgate.call.CallChange;
import org.recgate.recording.RecordingEndings;

/** The {@code call-changed} route's step: what a change of a call does to its recordings. */
public final class CallChangeSteps {

    /** Property: the {@link CallChange} a call event made (set by the call feeds). */
    public static final String CALL_CHANGE = "CallChange";

    private final RecordingEndings endings;

    public CallChangeSteps(RecordingEndings endings) {
        this.endings = endings;
    }

    public void changed(Exchange exchange, @ExchangeProperty(CALL_CHANGE) CallChange change) {
        RecordingOutcomes.leave(exchange, endings.callChanged(change));
    }
}
