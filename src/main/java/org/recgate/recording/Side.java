package org.recgate.recording;

import java.util.Locale;

/** The {@code record} extension: which side of the connection is recorded. */
public enum Side {
    /** AttrThisDN's side (the default). */
    SOURCE,
    /** The other party of the connection. */
    DESTINATION;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
