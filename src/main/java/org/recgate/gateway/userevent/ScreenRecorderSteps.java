package org.recgate.gateway.userevent;

import io.micrometer.core.instrument.Counter;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.recgate.sip.MessageResult;
import org.recgate.support.Meters;
import org.recgate.userevent.UserEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Steps of the {@code screen-recorder} route (docs/recording.md §6): the MESSAGE body of a desktop's
 * screen-capture command for the screen recorders of {@code recgate.screen-recorder.uri}, and what
 * became of each MESSAGE. A MESSAGE that fails is logged once at WARN and counted
 * ({@code recgate_screen_recorder_messages_total{outcome="failed"}}); it is not retried.
 */
public final class ScreenRecorderSteps {

    private static final Logger LOG = LoggerFactory.getLogger(ScreenRecorderSteps.class);

    private final List<String> targets;
    private final Counter delivered;
    private final Counter failed;

    /** @param targets the screen recorders' SIP URIs; empty: none configured, nothing is sent */
    public ScreenRecorderSteps(List<String> targets, Meters meters) {
        this.targets = List.copyOf(targets);
        String help = "SIP MESSAGEs to the screen recorders, one per target: delivered (a 2xx) or failed";
        this.delivered = meters.counter("recgate.screen.recorder.messages", help, "outcome", "delivered");
        this.failed = meters.counter("recgate.screen.recorder.messages", help, "outcome", "failed");
    }

    /** The MESSAGE body: {@code screen-capture/1} from the user event. */
    public String body(@ExchangeProperty(UserEventSteps.USER_EVENT) UserEvent event) {
        return ScreenCaptureMessage.json(event);
    }

    /** Counts each target's outcome; a target that did not take the MESSAGE is logged once. */
    public void sent(@Body List<MessageResult> results, @ExchangeProperty(UserEventSteps.USER_EVENT) UserEvent event) {
        for (MessageResult result : results) {
            if (result.delivered()) {
                delivered.increment();
                LOG.debug("Screen recorder {} took screen-capture {} for DN {}: {}", result.uri(),
                        event.screenCapture(), event.dn(), result.detail());
            } else {
                failed.increment();
                LOG.warn("Screen recorder {} did not take screen-capture {} for DN {} (event {}): {}", result.uri(),
                        event.screenCapture(), event.dn(), event.eventId(), result.detail());
            }
        }
    }

    /** The MESSAGE could not be made or handed to the SIP stack: one failure per target. */
    public void failed(Exchange exchange) {
        Exception error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        UserEvent event = exchange.getProperty(UserEventSteps.USER_EVENT, UserEvent.class);
        Object what = event == null ? "?" : event.screenCapture() + " for DN " + event.dn();
        LOG.warn("Screen-capture {} not sent to the screen recorder(s) {}: {}", what, targets,
                error == null ? "unknown error" : error.getMessage());
        targets.forEach(target -> failed.increment());
    }
}
