package org.recgate.tlib.server;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import org.recgate.config.Role;
import org.recgate.session.ClientSession;
import org.recgate.session.LimitHits;
import org.recgate.support.TokenBucket;
import org.recgate.tlib.model.ErrorCode;
import org.recgate.tlib.model.TlibException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code recgate.tlib.max-requests-per-second} and {@code recgate.tlib.max-request-burst}
 * (docs/security.md, Limits): a token bucket per connection; a line beyond it gets
 * {@code EventError} 58 and is not carried out, and is counted. The switch's call feed (a client with
 * the {@code switch} role) is not limited: a busy switch sends events in bursts the gateway must take.
 */
public record RequestRateLimit(int perSecond, int burst, LimitHits hits) {

    private static final Logger LOG = LoggerFactory.getLogger(RequestRateLimit.class);
    private static final AttributeKey<ClientRate> RATE = AttributeKey.valueOf("recgate.request-rate");



    /** Gives a connection that has just opened its full bucket. */
    void attach(Channel channel) {
        channel.attr(RATE).set(new ClientRate(new TokenBucket(perSecond, burst, System::nanoTime)));
    }

    /** Takes a token for one line of the session, or refuses the line with {@code EventError} 58. */
    void admit(Channel channel, ClientSession session) {
        ClientRate rate = channel.attr(RATE).get();
        if (rate == null || session.has(Role.SWITCH) || rate.bucket.tryTake()) {
            return;
        }
        hits.hit(LimitHits.Limit.MAX_REQUESTS_PER_SECOND);
        if (!rate.warned) {
            rate.warned = true;
            LOG.warn("{} sends more than {} requests a second (recgate.tlib.max-requests-per-second): the excess is"
                    + " answered with EventError 58; said once per connection", session, perSecond);
        }
        throw new TlibException(ErrorCode.OUT_OF_SERVICE, "this client sent more than " + perSecond
                + " requests a second (or more than " + burst + " at once): the request was not carried out;"
                + " send it again, more slowly");
    }

    /** A connection's bucket; only its own I/O thread touches {@code warned}. */
    private static final class ClientRate {
        final TokenBucket bucket;
        boolean warned;

        ClientRate(TokenBucket bucket) {
            this.bucket = bucket;
        }
    }
}
