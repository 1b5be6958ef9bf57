package org.recgate.api;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recgate.RecGate;
import org.recgate.StartupException;

/** HTTP Basic beyond loopback only over TLS: a non-loopback REST API host without it stops the start (docs/security.md). */
class ApiExposureTest {

    @Test
    void aNonLoopbackApiWithoutTlsDoesNotStart() {
        RecGate gate = RecGate.create(Map.of("recgate.api.host", "0.0.0.0"));
        Exception refused = assertThrows(Exception.class, gate::start);
        Throwable cause = refused;
        while (!(cause instanceof StartupException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        assertTrue(cause instanceof StartupException, refused::toString);
        assertTrue(cause.getMessage().contains("recgate.api.host=0.0.0.0 is not loopback-only"), cause.getMessage());
    }
}
