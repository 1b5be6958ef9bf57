package org.recgate.tlib.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The recording operations of {@code RequestPrivateService}, by their {@code AttrPrivateMsgID}
 * names (docs/recording.md §1, way 3). The route file recording-control.camel.yaml branches on these
 * names (and on their configured numbers); clients such as the CLI send them.
 */
public enum GsipOperation {
    START("GSIP_RECORD_START"), STOP("GSIP_RECORD_STOP"), PAUSE("GSIP_RECORD_PAUSE"), RESUME("GSIP_RECORD_RESUME");

    private final String privateMsgId;

    GsipOperation(String privateMsgId) {
        this.privateMsgId = privateMsgId;
    }

    public String privateMsgId() {
        return privateMsgId;
    }

    /** "GSIP_RECORD_START, GSIP_RECORD_STOP, GSIP_RECORD_PAUSE or GSIP_RECORD_RESUME", for error messages. */
    public static String allNames() {
        String names = Arrays.stream(values()).map(GsipOperation::privateMsgId).collect(Collectors.joining(", "));
        int last = names.lastIndexOf(", ");
        return names.substring(0, last) + " or " + names.substring(last + 2);
    }
}
