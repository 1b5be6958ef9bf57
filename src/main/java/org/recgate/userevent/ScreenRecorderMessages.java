package org.recgate.userevent;

import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.recgate.kafka.UserEventRecords;
import org.recgate.ops.TlibMetrics;
import org.recgate.sip.MessageResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optional SIP screen recorder ({@code recgate.screen-recorder.uri}; RECORDING.md §6): which
 * user events go to it, their MESSAGE body, and what became of each MESSAGE. The route files
 * {@code tlib-user-events.camel.yaml} (the wire tap) and {@code screen-recorder.camel.yaml} call it.
 * <p>
 * Only desktop commands go: indications are what a screen recorder itself says, so another
 * vendor's indications are not its business. A MESSAGE that fails is logged once at WARN and
 * counted ({@code recgate_screen_recorder_messages_total{outcome="failed"}}); it is not retried.
 */
public final class ScreenRecorderMessages {

    private static final Logger LOG = LoggerFactory.getLogger(ScreenRecorderMessages.class);

    private final List<String> targets;
    private final TlibMetrics metrics;

    /** @param targets the screen recorders' SIP URIs; empty: none configured, nothing is sent */
    public ScreenRecorderMessages(List<String> targets, TlibMetrics metrics) {
        this.targets = List.copyOf(targets);
        this.metrics = metrics;
    }

    /** The MESSAGE body: {@code screen-capture/1} from the event's {@code user-event/1} record. */
    public String body(@ExchangeProperty(UserEventRecords.RECORD) Map<String, Object> record) {
        return ScreenCaptureMessage.json(record);
    }

    /** Counts each target's outcome; a target that did not take the MESSAGE is logged once. */
    public void sent(@Body List<MessageResult> results, @ExchangeProperty(UserEventRecords.RECORD) Map<String, Object> record) {
        for (MessageResult result : results) {
            metrics.screenRecorderMessage(result.delivered());
            if (result.delivered()) {
                LOG.debug("Screen recorder {} took screen-capture {} for DN {}: {}", result.uri(),
                        record.get("screenCapture"), record.get("thisDn"), result.detail());
            } else {
                LOG.warn("Screen recorder {} did not take screen-capture {} for DN {} (event {}): {}", result.uri(),
                        record.get("screenCapture"), record.get("thisDn"), record.get("eventId"), result.detail());
            }
        }
    }

    /** The MESSAGE could not be made or handed to the SIP stack: one failure per target. */
    public void failed(Exchange exchange) {
        Exception error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Map<?, ?> record = exchange.getProperty(UserEventRecords.RECORD, Map.class);
        Object what = record == null ? "?" : record.get("screenCapture") + " for DN " + record.get("thisDn");
        LOG.warn("Screen-capture {} not sent to the screen recorder(s) {}: {}", what, targets,
                error == null ? "unknown error" : error.getMessage());
        targets.forEach(target -> metrics.screenRecorderMessage(false));
    }
}
