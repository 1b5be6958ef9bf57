package org.recgate.gateway.session;

import io.micrometer.core.instrument.Counter;
import org.recgate.session.LoginThrottle;
import org.recgate.support.Meters;
import org.recgate.tlib.model.ErrorCode;
import org.recgate.tlib.model.TlibException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failed {@code RequestRegisterClient}: each counts towards its source address's lockout
 * ({@link LoginThrottle}; docs/security.md, "Login throttling") and in
 * {@code recgate_tlib_login_failures_total}, each lockout in {@code recgate_tlib_login_lockouts_total}
 * (docs/operations.md).
 */
public record LoginFailures(LoginThrottle throttle, Counter failures, Counter lockouts) {

    /** docs/operations.md names this logger for the lockout's WARN line. */
    private static final Logger LOG = LoggerFactory.getLogger(Registrations.class);

    /** The failures of {@code throttle}, counted in this gateway's metrics. */
    public static LoginFailures counted(LoginThrottle throttle, Meters meters) {
        Counter failures = meters.counter("recgate.tlib.login.failures",
                "Failed RequestRegisterClient: unknown application or wrong password (refusals during a lockout not included)");
        Counter lockouts = meters.counter("recgate.tlib.login.lockouts",
                "Source addresses locked out after too many failed RequestRegisterClient");
        return new LoginFailures(throttle, failures, lockouts);
    }

    /** Refuses, closing the connection, while {@code source} is locked out (not counted as a failure). */
    void checkNotLockedOut(String source) {
        throttle.lockedOut(source).ifPresent(locked -> {
            throw TlibException.closing(ErrorCode.NOT_AUTHORIZED, "too many failed RequestRegisterClient from "
                    + source + ": try again in " + Math.max(1, locked.toSeconds()) + " s");
        });
    }

    /** Counts the failure towards the source's lockout; the refusal closes the connection. */
    TlibException failed(String source, String message) {
        failures.increment();
        if (throttle.failed(source)) {
            lockouts.increment();
            LOG.warn("Locking out {} for {} ms: too many failed RequestRegisterClient", source, throttle.lockoutMillis());
        }
        return TlibException.closing(ErrorCode.NOT_AUTHORIZED, message);
    }
}
