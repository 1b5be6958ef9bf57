package org.recgate.tlib.server;

import io.netty.channel.ChannelHandler;
import org.apache.camel.component.netty.DefaultChannelHandlerFactory;
import org.recgate.tlib.codec.JsonLineFrameDecoder;

/** Gives camel-netty a fresh (stateful, unsharable) line decoder for each connection. */
public final class JsonLineFrameDecoderFactory extends DefaultChannelHandlerFactory {

    private final int maxLineBytes;

    public JsonLineFrameDecoderFactory(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    public ChannelHandler newChannelHandler() {
        return new JsonLineFrameDecoder(maxLineBytes);
    }
}
