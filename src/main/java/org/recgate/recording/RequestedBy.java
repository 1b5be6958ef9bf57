package org.recgate.recording;

/** Who asked for a recording (for indications and the audit); null fields for automatic ones. */
public record RequestedBy(String application, String thisDn, Long referenceId) {
}
