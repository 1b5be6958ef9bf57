package org.recgate.gateway.call;

import io.micrometer.core.instrument.Counter;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.recgate.call.CallEvents;
import org.recgate.gateway.recording.CallChangeSteps;
import org.recgate.support.Meters;
import org.recgate.tlib.json.TlibJson;
import org.recgate.tlib.model.ErrorCode;
import org.recgate.tlib.model.FrameError;
import org.recgate.tlib.model.InboundFrame;
import org.recgate.tlib.model.TlibException;
import org.recgate.tlib.model.TlibMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code call-events} route's step: a record of the call-events topic (the same JSON object as
 * the T-Library call feed) applied to the call registry. A malformed record is counted, logged with
 * its partition and offset, and skipped: one bad record must not stop the feed. The route commits each
 * record's offset ({@link #commit}) only once the state changes it caused are written
 * (docs/durable-state.md §13), so a record a crash interrupts is read again by the next start.
 */
public final class KafkaCallFeed {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaCallFeed.class);

    private final CallEvents events;
    private final Counter applied;
    private final Counter skipped;

    public KafkaCallFeed(CallEvents events, Meters meters) {
        this.events = events;
        String help = "Records of the Kafka call-events topic applied to the calls, or skipped as malformed";
        this.applied = meters.counter("recgate.kafka.call.events", help, "outcome", "applied");
        this.skipped = meters.counter("recgate.kafka.call.events", help, "outcome", "skipped");
    }

    /** Applies the record; the change goes to the {@value CallChangeSteps#CALL_CHANGE} property (none when skipped). */
    public void apply(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        byte[] value = body instanceof byte[] bytes ? bytes : String.valueOf(body).getBytes(StandardCharsets.UTF_8);
        InboundFrame frame = TlibJson.read(value);
        try {
            if (frame instanceof FrameError error) {
                throw new TlibException(ErrorCode.INVALID_ATTRIBUTE, error.reason());
            }
            exchange.setProperty(CallChangeSteps.CALL_CHANGE, events.apply((TlibMessage) frame));
            applied.increment();
        } catch (TlibException e) {
            skipped.increment();
            LOG.warn("Skipped call-events record at partition {} offset {}: {}",
                    exchange.getMessage().getHeader(KafkaConstants.PARTITION),
                    exchange.getMessage().getHeader(KafkaConstants.OFFSET), e.getMessage());
        }
    }

    /**
     * Commits the record's offset to the consumer group, synchronously, on the consumer's thread
     * (the route's last step, after the state is durable). No header: the record did not come from
     * the kafka: consumer (a route test feeding the route from direct:), nothing to commit.
     */
    public void commit(Exchange exchange) {
        KafkaManualCommit manual = exchange.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
        if (manual != null) {
            manual.commit();
        }
    }
}
