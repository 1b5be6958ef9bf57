package org.recgate.gateway.api;

import java.util.Map;
import org.recgate.tlib.model.ErrorCode;

/**
 * The HTTP status of each T-Library error code, the one mapping of the REST API (docs/api.md,
 * Errors): the answer's body keeps the code itself, so an ESB sees what a T-Library client would.
 */
public final class ApiStatus {

    public static final int OK = 200;
    public static final int BAD_REQUEST = 400;
    public static final int UNAUTHORIZED = 401;
    public static final int FORBIDDEN = 403;
    public static final int NOT_FOUND = 404;
    public static final int CONFLICT = 409;
    public static final int INTERNAL = 500;
    public static final int BAD_GATEWAY = 502;
    public static final int UNAVAILABLE = 503;
    public static final int GATEWAY_TIMEOUT = 504;

    private ApiStatus() {
    }

    /**
     * The status of an {@code EventError}: its code, and for 58 its extensions (58 with {@code dest}
     * is a recorder that cannot be reached, a 502; without, a limit the request ran into, a 503).
     */
    public static int of(ErrorCode code, Map<String, Object> extensions) {
        return switch (code) {
            case INVALID_ATTRIBUTE, UNSUPPORTED_OPERATION -> BAD_REQUEST;
            case CLIENT_NOT_REGISTERED -> UNAUTHORIZED;
            case NOT_AUTHORIZED, NOT_REGISTERED, DESTINATION_NOT_ALLOWED -> FORBIDDEN;
            case INVALID_CONNECTION_ID -> NOT_FOUND;
            case IN_SAME_STATE, DUPLICATE_RECORDING_ID, ALREADY_REGISTERED_PRIVATELY -> CONFLICT;
            case RECORDER_REJECTED -> BAD_GATEWAY;
            case TIMEOUT -> GATEWAY_TIMEOUT;
            case OUT_OF_SERVICE -> extensions.containsKey("dest") ? BAD_GATEWAY : UNAVAILABLE;
            case INTERNAL -> INTERNAL;
        };
    }

    /** The code an {@code AttrErrorCode} number stands for; 52 for one the gateway does not know. */
    public static ErrorCode code(long number) {
        for (ErrorCode code : ErrorCode.values()) {
            if (code.code() == number) {
                return code;
            }
        }
        return ErrorCode.INTERNAL;
    }
}
