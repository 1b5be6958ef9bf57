package org.recgate.config;

/** One DN of the DN file: its type, full-time recording, and an optional recorder of its own. */
public record DnConfig(String dn, DnType type, boolean record, String recorder, String dialect) {
}
