package org.recgate.tlib.model;

import java.util.Locale;

/** {@code AttrRegisterMode} of RequestRegisterAddress (T-Library TRegisterMode). */
public enum RegisterMode {
    /** Events and requests; other clients may register the DN too. The default. */
    SHARE,
    /** Events and requests; no other client may register the DN while this one holds it. */
    PRIVATE,
    /** Events only: no requests on behalf of the DN. */
    MONITOR;

    /** Accepts {@code Share}, {@code ModeShare} and the like, in any case. */
    public static RegisterMode parse(String value) {
        String name = value.toUpperCase(Locale.ROOT);
        if (name.startsWith("MODE")) {
            name = name.substring(4);
        }
        for (RegisterMode mode : values()) {
            if (mode.name().equals(name)) {
                return mode;
            }
        }
        throw new TlibException(ErrorCode.INVALID_ATTRIBUTE,
                "AttrRegisterMode '" + value + "' is not a register mode: send Share, Private or Monitor");
    }

    public String wireName() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }

    public boolean allowsRequests() {
        return this != MONITOR;
    }
}
