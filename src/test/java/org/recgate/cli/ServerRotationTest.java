package org.recgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.recgate.testing.FreePorts;

/**
 * The order and bound of {@link ServerRotation} over real sockets: a port nobody listens on refuses
 * at once, as a pair's standby does (docs/cli.md, "A hot-standby pair").
 */
class ServerRotationTest {

    @Test
    void theFirstServerThatAcceptsIsTakenFromTheGivenIndexOn() throws Exception {
        try (ServerSocket accepting = new ServerSocket(0)) {
            GatewayAddress refusing = new GatewayAddress("127.0.0.1", FreePorts.tcp());
            GatewayAddress open = new GatewayAddress("127.0.0.1", accepting.getLocalPort());
            ServerRotation rotation = new ServerRotation(List.of(open, refusing), Duration.ZERO, 2000, null);
            ServerRotation.Opened opened = rotation.open(1, line -> { });
            try (TlibConnection connection = opened.connection()) {
                assertEquals(open, opened.server(), "after the refusing second server, the first again");
                assertEquals(0, opened.index());
            }
        }
    }

    @Test
    void noServerWithinTheBoundNamesEachRefusal() throws Exception {
        GatewayAddress a = new GatewayAddress("127.0.0.1", FreePorts.tcp());
        GatewayAddress b = new GatewayAddress("127.0.0.1", FreePorts.tcp());
        long start = System.nanoTime();
        IOException error = assertThrows(IOException.class,
                () -> new ServerRotation(List.of(a, b), Duration.ofMillis(400), 2000, null).open(0, line -> { }));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMs >= 400, "gave up after " + tookMs + " ms, before the bound");
        assertTrue(error.getMessage().startsWith(a + " (") && error.getMessage().contains(", " + b + " ("),
                error.getMessage());
        assertEquals(1, error.getMessage().split(a.toString(), -1).length - 1, "each server once: " + error.getMessage());
    }

    @Test
    void aBoundOfZeroTriesEachServerOnce() throws Exception {
        GatewayAddress a = new GatewayAddress("127.0.0.1", FreePorts.tcp());
        IOException error = assertThrows(IOException.class,
                () -> new ServerRotation(List.of(a), Duration.ZERO, 2000, null).open(0, line -> { }));
        assertTrue(error.getMessage().startsWith(a + " ("), error.getMessage());
    }
}
