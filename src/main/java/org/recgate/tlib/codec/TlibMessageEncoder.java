package org.recgate.tlib.codec;

import org.recgate.tlib.json.TlibJson;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.recgate.tlib.model.Attr;
import org.recgate.tlib.model.TlibMessage;

/**
 * Writes an event as one JSON line, stamped with {@code AttrEventSequenceNumber} (monotonic per
 * gateway run) and the event time. The number is taken here, on the channel's own event loop, so
 * each client sees its events numbered in the order they reach it.
 */
@Sharable
public final class TlibMessageEncoder extends MessageToByteEncoder<TlibMessage> {

    private final AtomicLong sequence = new AtomicLong();

    @Override
    protected void encode(ChannelHandlerContext ctx, TlibMessage event, ByteBuf out) throws Exception {
        try (ByteBufOutputStream stream = new ByteBufOutputStream(out)) {
            TlibJson.write(event, stamps(event), stream);
            stream.write('\n');
        }
    }

    private Map<String, Object> stamps(TlibMessage event) {
        Instant time = event.time();
        Map<String, Object> stamps = new LinkedHashMap<>(4);
        stamps.put(Attr.EVENT_SEQUENCE_NUMBER, sequence.incrementAndGet());
        stamps.put(Attr.TIME_IN_SECS, time.getEpochSecond());
        stamps.put(Attr.TIME_IN_USECS, (long) (time.getNano() / 1000));
        return stamps;
    }
}
