package org.recgate.sip;

/** A recording goes to its primary recorder and, with {@code dest2}, a duplicate one (docs/recording.md §3). */
public enum DestinationRole {
    PRIMARY, DUPLICATE;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
