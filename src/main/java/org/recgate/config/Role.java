package org.recgate.config;

import java.util.Locale;

/** What a client application may do (applications section of the DN file). */
public enum Role {
    /** Feeds the call model: EventEstablished, EventPartyChanged, EventReleased. */
    SWITCH,
    /** Controls recordings for DNs it registers, including other agents' DNs. */
    SUPERVISOR,
    /** An agent desktop: controls recording and screen capture for its own DNs. */
    DESKTOP,
    /** A screen-recording vendor: receives screen-capture requests, sends indications. */
    VENDOR;

    public static Role parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown role '" + value + "': use switch, supervisor, desktop or vendor");
        }
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
