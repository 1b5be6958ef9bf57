package org.recgate.gateway.call;

import io.micrometer.core.instrument.Counter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * its partition and offset, and skipped: one bad record must not stop the feed. The route commits the
 * offsets of a poll's records ({@link #commit}) after its last record, once the state changes they
 * caused are written (docs/durable-state.md §13), so a record a crash interrupts is read again by the
 * next start; one wait per poll, not per record, keeps the feed's pace.
 */
public final class KafkaCallFeed {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaCallFeed.class);

    private final CallEvents events;
    private final Counter applied;
    private final Counter skipped;
    /** By partition, the commit of its last record done and not committed; touched by the consumer's thread. */
    private final Map<Object, KafkaManualCommit> uncommitted = new LinkedHashMap<>();

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
     * The record is done with (route step): its offset is to be committed with the others of its
     * poll, once their state is written (header {@value KafkaConstants#MANUAL_COMMIT}; none when the
     * record did not come from the kafka: consumer, as in a route test fed from direct:).
     */
    public synchronized void done(Exchange exchange) {
        KafkaManualCommit manual = exchange.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
        if (manual != null) { // the last record of each partition stands for those before it
            uncommitted.put(exchange.getMessage().getHeader(KafkaConstants.PARTITION), manual);
        }
    }

    /**
     * Commits, synchronously and on the consumer's thread, the offset of the last record done of
     * each partition (route step after the poll's last record, once its state is written). A commit
     * the group refuses (a rebalance took the partition) is logged: the records are read again.
     */
    public synchronized void commit() {
        for (Map.Entry<Object, KafkaManualCommit> entry : uncommitted.entrySet()) {
            try {
                entry.getValue().commit();
            } catch (RuntimeException e) {
                LOG.warn("Call-events offset of partition {} not committed ({}); its records will be read again", entry.getKey(),
                        e.toString());
            }
        }
        uncommitted.clear();
    }
}
