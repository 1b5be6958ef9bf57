package org.recgate.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.recgate.call.CallFeed;
import org.recgate.ops.TlibMetrics;
import org.recgate.tlib.codec.TlibJson;
import org.recgate.tlib.model.FrameError;
import org.recgate.tlib.model.InboundFrame;
import org.recgate.tlib.model.TlibException;
import org.recgate.tlib.model.TlibMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records of the call-events topic (the same JSON objects as the T-Library call feed) into the
 * call registry. A malformed record is counted, logged with its partition and offset, and
 * skipped: one bad record must not stop the feed.
 */
public final class KafkaCallEvents {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaCallEvents.class);

    private final CallFeed feed;
    private final TlibMetrics metrics;

    public KafkaCallEvents(CallFeed feed, TlibMetrics metrics) {
        this.feed = feed;
        this.metrics = metrics;
    }

    public void apply(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        byte[] value = body instanceof byte[] bytes ? bytes
                : String.valueOf(body).getBytes(StandardCharsets.UTF_8);
        InboundFrame frame = TlibJson.read(value);
        try {
            if (frame instanceof FrameError error) {
                throw new TlibException(org.recgate.tlib.model.ErrorCode.INVALID_ATTRIBUTE, error.reason());
            }
            feed.applyEvent((TlibMessage) frame);
            metrics.callEventApplied();
        } catch (TlibException e) {
            metrics.callEventSkipped();
            LOG.warn("Skipped call-events record at partition {} offset {}: {}",
                    exchange.getMessage().getHeader(KafkaConstants.PARTITION),
                    exchange.getMessage().getHeader(KafkaConstants.OFFSET), e.getMessage());
        }
    }
}
