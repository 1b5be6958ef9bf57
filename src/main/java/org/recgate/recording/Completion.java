package org.recgate.recording;

import java.util.Map;
import org.recgate.tlib.model.TlibException;

/**
 * How a client's operation ended once the recorders answered: the state changes and follow-up
 * recorder requests ({@code outcome}), and either what the EventACK says ({@code ack}: the ids,
 * and for a START the side, file name and the duplicate's outcome) or the first failure.
 */
public record Completion(RecordingOutcome outcome, Map<String, Object> ack, TlibException failure) {
}
