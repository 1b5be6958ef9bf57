package org.recgate.tlib.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;
import java.util.List;
import org.recgate.tlib.model.FrameError;

/**
 * Splits the byte stream into lines ({@code \n}, a preceding {@code \r} tolerated) of at most
 * {@code maxLineBytes}, and emits each as a {@link ByteBuf}. A longer line is discarded up to its
 * newline and reported once as a {@link FrameError}; the connection stays usable
 * (docs/protocol.md, Framing). Blank lines are skipped. Lines are split on bytes, so a UTF-8
 * character cut across two reads is whole again in its line.
 * <p>
 * Unlike Netty's LineBasedFrameDecoder, nothing here throws: an exception would reach camel-netty's
 * handler, which closes the channel.
 */
public final class JsonLineFrameDecoder extends ByteToMessageDecoder {

    private final int maxLineBytes;
    /** Bytes of the current (unfinished) line already searched for a newline. */
    private int scanned;
    private boolean discarding;

    public JsonLineFrameDecoder(int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive: " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int newline = in.forEachByte(in.readerIndex() + scanned, in.readableBytes() - scanned, ByteProcessor.FIND_LF);
            if (newline < 0) {
                waitForNewline(in, out);
                return;
            }
            scanned = 0;
            if (discarding) {
                discarding = false;
                in.readerIndex(newline + 1);
                continue;
            }
            emitLine(in, newline, out);
        }
    }

    private void waitForNewline(ByteBuf in, List<Object> out) {
        if (discarding) {
            in.skipBytes(in.readableBytes());
        } else if (in.readableBytes() > maxLineBytes + 1) { // + 1: room for a trailing '\r'
            out.add(tooLong());
            discarding = true;
            in.skipBytes(in.readableBytes());
        } else {
            scanned = in.readableBytes();
        }
    }

    private void emitLine(ByteBuf in, int newline, List<Object> out) {
        int start = in.readerIndex();
        int length = newline - start;
        if (length > 0 && in.getByte(newline - 1) == '\r') {
            length--;
        }
        in.readerIndex(newline + 1);
        if (length > maxLineBytes) {
            out.add(tooLong());
        } else if (!isBlank(in, start, length)) {
            out.add(in.retainedSlice(start, length));
        }
    }

    private static boolean isBlank(ByteBuf buf, int start, int length) {
        return buf.forEachByte(start, length, b -> b == ' ' || b == '\t') < 0;
    }

    private FrameError tooLong() {
        return FrameError.of("the line is longer than " + maxLineBytes
                + " bytes and was discarded: send smaller messages, one per line");
    }
}
