package org.recgate.sip;

/** How a recorder is driven: SIPREC (RFC 7866) or MSML to a media server (RFC 5707). */
public enum Dialect {
    SIPREC, MSML;

    public static Dialect parse(String value) {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "siprec" -> SIPREC;
            case "msml" -> MSML;
            default -> throw new IllegalArgumentException("unknown dialect '" + value + "': use siprec or msml");
        };
    }

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
