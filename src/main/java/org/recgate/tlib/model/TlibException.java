package org.recgate.tlib.model;

import java.util.Map;

/**
 * A request the gateway refuses: becomes one {@code EventError} to the requesting client.
 * The message is the plain-words {@code AttrErrorMessage}: what was wrong and what to send.
 */
public class TlibException extends RuntimeException {

    private final ErrorCode errorCode;
    private final Map<String, Object> extensions;
    private final boolean closeConnection;

    public TlibException(ErrorCode errorCode, String message) {
        this(errorCode, message, Map.of(), false);
    }

    public TlibException(ErrorCode errorCode, String message, Map<String, Object> extensions, boolean closeConnection) {
        super(message, null, false, false);
        this.errorCode = errorCode;
        this.extensions = Map.copyOf(extensions);
        this.closeConnection = closeConnection;
    }

    /** The same error, after which the gateway closes the client's connection (failed RegisterClient). */
    public static TlibException closing(ErrorCode errorCode, String message) {
        return new TlibException(errorCode, message, Map.of(), true);
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    public boolean closeConnection() {
        return closeConnection;
    }
}
