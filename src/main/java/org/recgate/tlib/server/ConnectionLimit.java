package org.recgate.tlib.server;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.recgate.session.LimitHits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code recgate.tlib.max-connections} (docs/security.md, Limits): connections beyond it
 * are closed as soon as they open, and counted. Reaching the limit is logged once, and once again
 * when connections are accepted again, not for every connection refused.
 */
public final class ConnectionLimit {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimit.class);

    private final int max;
    private final LimitHits hits;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicBoolean full = new AtomicBoolean();

    public ConnectionLimit(int max, LimitHits hits) {
        this.max = max;
        this.hits = hits;
    }

    /** A connection has opened: true if it may stay, false (counted) if it is one too many. */
    boolean tryOpen() {
        if (open.incrementAndGet() <= max) {
            if (full.compareAndSet(true, false)) {
                LOG.info("T-Library connections below recgate.tlib.max-connections ({}) again: accepting new ones", max);
            }
            return true;
        }
        open.decrementAndGet();
        hits.hit(LimitHits.Limit.MAX_CONNECTIONS);
        if (full.compareAndSet(false, true)) {
            LOG.warn("{} T-Library connections are open, the most recgate.tlib.max-connections allows: new ones are"
                    + " closed at once (counted in recgate_tlib_limit_hits_total{limit=\"max-connections\"})", max);
        }
        return false;
    }

    /** A connection that {@link #tryOpen} let in has closed. */
    void closed() {
        open.decrementAndGet();
    }
}
