package org.recgate.gateway.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.recgate.tlib.model.ErrorCode;
import org.recgate.tlib.model.TlibException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code api-errors} route configuration's step: a failed REST request becomes
 * {@code {code, message}} (the T-Library error code and its plain message) with the HTTP status of
 * {@link ApiStatus}; anything unexpected is 52 / 500 with the cause logged.
 */
public final class ApiErrors {

    /** RFC 7617 §2: the challenge of a 401 names the scheme, the realm and the charset of the credentials. */
    public static final String CHALLENGE = "Basic realm=\"RecGate\", charset=\"UTF-8\"";

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    public Map<String, Object> reply(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        TlibException failure;
        int status;
        if (cause instanceof ApiException api) {
            failure = api;
            status = api.status();
        } else if (cause instanceof TlibException known) {
            failure = known;
            status = ApiStatus.of(known.errorCode(), known.extensions());
        } else {
            LOG.error("Internal error on {} {}", exchange.getMessage().getHeader(Exchange.HTTP_METHOD),
                    exchange.getMessage().getHeader(Exchange.HTTP_PATH), cause);
            failure = new TlibException(ErrorCode.INTERNAL, "the gateway failed inside ("
                    + (cause == null ? "unknown cause" : cause.getClass().getSimpleName())
                    + "); the request was not carried out, and sending it again may work");
            status = ApiStatus.INTERNAL;
        }
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        if (status == ApiStatus.UNAUTHORIZED) {
            exchange.getMessage().setHeader("WWW-Authenticate", CHALLENGE);
        }
        return body(failure);
    }

    /** The error body: {@code {code, message[, extensions]}} (the event stream's refusals too). */
    public static Map<String, Object> body(TlibException failure) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", failure.errorCode().code());
        body.put("message", failure.getMessage());
        if (!failure.extensions().isEmpty()) {
            body.put("extensions", failure.extensions());
        }
        return body;
    }
}
