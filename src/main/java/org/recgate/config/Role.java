package org.recgate.config;

import java.util.Locale;

/** What a client application may do (applications section of the DN file; docs/security.md, "Authorization"). */
public enum Role {
    /** Feeds the call model: EventEstablished, EventPartyChanged, EventReleased; routes calls. */
    SWITCH,
    /** A routing strategy: RequestRouteCall with its recording decision. */
    ROUTER,
    /** Controls recordings of the DNs in its scope, including other agents' DNs; routes calls. */
    SUPERVISOR,
    /** An agent desktop: controls recording and screen capture of the calls of its own DNs. */
    DESKTOP,
    /** A screen-recording vendor: receives screen-capture requests, sends indications. */
    VENDOR;

    public static Role parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown role '" + value
                    + "': use switch, router, supervisor, desktop or vendor");
        }
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
