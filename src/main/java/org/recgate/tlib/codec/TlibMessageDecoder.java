package org.recgate.tlib.codec;

import org.recgate.tlib.json.TlibJson;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/** One line → one {@link org.recgate.tlib.model.InboundFrame} (a message or the reason it is not one). */
@Sharable
public final class TlibMessageDecoder extends MessageToMessageDecoder<ByteBuf> {

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf line, List<Object> out) {
        out.add(TlibJson.read(ByteBufUtil.getBytes(line)));
    }
}
