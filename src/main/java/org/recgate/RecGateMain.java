package org.recgate;

import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar recgate.jar}: runs the gateway with the documented settings. A gateway that
 * cannot start (a port taken, a bad DN file) exits with status 1 instead of lingering half-started.
 * {@code java -jar recgate.jar hash-password} prints the stored form of a password ({@link HashPassword}).
 */
public final class RecGateMain {

    private RecGateMain() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && HashPassword.COMMAND.equals(args[0])) {
            System.exit(HashPassword.run(System.console(), System.in, System.out, System.err));
        }
        try {
            RecGate.create(Map.of()).run(args);
        } catch (StartupException e) {
            LoggerFactory.getLogger(RecGateMain.class).error("RecGate could not start: {}", e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            LoggerFactory.getLogger(RecGateMain.class).error("RecGate could not start: {}", e.getMessage(), e);
            System.exit(1);
        }
    }
}
