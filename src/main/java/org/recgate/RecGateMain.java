package org.recgate;

import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar recgate.jar}: runs the gateway with the documented settings. A gateway that
 * cannot start (a port taken, a bad DN file) exits with status 1 instead of lingering half-started.
 */
public final class RecGateMain {

    private RecGateMain() {
    }

    public static void main(String[] args) {
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
