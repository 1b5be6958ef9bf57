package org.recgate.tlib.model;

/**
 * Error codes of {@code EventError}. 41–58 follow the generic T-Library error codes (tliberr.h);
 * 2001 and up are this gateway's own. See docs/protocol.md, "Errors".
 */
public enum ErrorCode {
    NOT_REGISTERED(41, "TERR_NOT_REGISTERED"),
    IN_SAME_STATE(43, "TERR_IN_SAME_STATE"),
    UNSUPPORTED_OPERATION(51, "TERR_UNSUP_OPER"),
    INTERNAL(52, "TERR_INTERNAL"),
    INVALID_ATTRIBUTE(53, "TERR_INVALID_ATTR"),
    INVALID_CONNECTION_ID(56, "TERR_INV_CONNID"),
    TIMEOUT(57, "TERR_TIMEOUT"),
    OUT_OF_SERVICE(58, "TERR_OUT_OF_SERVICE"),
    CLIENT_NOT_REGISTERED(2001, "client not registered"),
    NOT_AUTHORIZED(2002, "not authorized"),
    DUPLICATE_RECORDING_ID(2003, "duplicate recording id"),
    DESTINATION_NOT_ALLOWED(2004, "destination not allowed"),
    RECORDER_REJECTED(2005, "recorder rejected"),
    ALREADY_REGISTERED_PRIVATELY(2006, "already registered privately");

    private final int code;
    private final String label;

    ErrorCode(int code, String label) {
        this.code = code;
        this.label = label;
    }

    public int code() {
        return code;
    }

    public String label() {
        return label;
    }
}
