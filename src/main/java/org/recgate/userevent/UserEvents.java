package org.recgate.userevent;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.recgate.support.RandomUuid;

/** Gives each relayed user event its identity: a random id, the next sequence number, the time. */
public final class UserEvents {

    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();

    public UserEvents(Clock clock) {
        this.clock = clock;
    }

    public UserEvent received(String dn, String connectionId, Map<String, Object> userData, String screenCapture,
                              String application) {
        return new UserEvent(RandomUuid.next().toString(), sequence.incrementAndGet(), clock.instant(), dn, connectionId,
                userData, screenCapture, application);
    }
}
