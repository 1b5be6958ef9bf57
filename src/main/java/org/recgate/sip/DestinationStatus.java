package org.recgate.sip;

/** Where one destination stands after an operation. */
public enum DestinationStatus {
    /** The dialog is up and the operation succeeded (a 2xx, and for MSML a 200 result). */
    ESTABLISHED,
    /** The recorder answered a final error; {@code sipStatus} says which. */
    REJECTED,
    /** No final answer within the configured timeout (after every failover candidate at setup). */
    TIMEOUT,
    /** The request could not be sent (unreachable host, bad URI, transport error). */
    UNREACHABLE,
    /** The dialog has ended (STOP done, or the recorder hung up). */
    ENDED;

    public boolean succeeded() {
        return this == ESTABLISHED || this == ENDED;
    }

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
