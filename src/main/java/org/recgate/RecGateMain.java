package org.recgate;

import java.util.Map;

/** {@code java -jar recgate.jar}: runs the gateway with the documented settings. */
public final class RecGateMain {

    private RecGateMain() {
    }

    public static void main(String[] args) throws Exception {
        RecGate.create(Map.of()).run(args);
    }
}
