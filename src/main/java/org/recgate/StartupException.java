package org.recgate;

/**
 * The gateway cannot start for a reason the operator can fix, said in one line (which port, which
 * key): {@link RecGateMain} prints the message without a stack trace and exits 1.
 */
public final class StartupException extends RuntimeException {

    public StartupException(String message) {
        super(message);
    }
}
