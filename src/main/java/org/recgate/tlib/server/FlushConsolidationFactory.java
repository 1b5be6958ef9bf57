package org.recgate.tlib.server;

import io.netty.channel.ChannelHandler;
import io.netty.handler.flush.FlushConsolidationHandler;
import org.apache.camel.component.netty.DefaultChannelHandlerFactory;

/**
 * Gives each connection its own {@link FlushConsolidationHandler}: events written to a client in
 * a burst (a vendor receiving every user event of many desktops) leave in one write system call
 * instead of one each; a flush waits at most until the event loop's current tasks are done.
 */
public final class FlushConsolidationFactory extends DefaultChannelHandlerFactory {

    /** Flush at least every this many events, however long the burst. */
    private static final int MAX_EVENTS_PER_FLUSH = 64;

    @Override
    public ChannelHandler newChannelHandler() {
        return new FlushConsolidationHandler(MAX_EVENTS_PER_FLUSH, true);
    }
}
