package org.recgate.gateway.api;

import java.util.Map;
import org.recgate.tlib.model.ErrorCode;
import org.recgate.tlib.model.TlibException;

/**
 * A REST request refused with an HTTP status of its own: missing or wrong credentials (401, with
 * T-Library code 2002), an unknown path, or the {@code EventError} a T-Library route answered.
 */
public final class ApiException extends TlibException {

    private final int status;

    public ApiException(int status, ErrorCode errorCode, String message) {
        this(status, errorCode, message, Map.of());
    }

    public ApiException(int status, ErrorCode errorCode, String message, Map<String, Object> extensions) {
        super(errorCode, message, extensions, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
