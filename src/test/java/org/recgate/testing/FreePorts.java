package org.recgate.testing;

import java.io.IOException;
import org.recgate.bench.LocalPorts;

/**
 * Ports free on 127.0.0.1, so the gateways, brokers and sipp peers of one test run never collide:
 * the benchmark's {@link LocalPorts}, below the ephemeral range, so that a port a test binds only
 * later (a broker started after the gateway, a gateway restarted on its old ports) is not taken
 * meanwhile by a connection (a TCP connect to 127.0.0.1 may even pick the port it connects to).
 */
public final class FreePorts {

    private FreePorts() {
    }

    /** A TCP port (T-Library listener, management HTTP, Kafka). */
    public static int tcp() throws IOException {
        return LocalPorts.tcp();
    }

    /** A port free for the SIP transport ({@code udp} or {@code tcp}), and for UDP too, where sipp opens it as well. */
    public static int free(String transport) throws IOException {
        return LocalPorts.free(transport);
    }

    /** Whether nothing listens on the port for the transport right now. */
    public static boolean isFree(int port, String transport) throws IOException {
        return LocalPorts.isFree(port, transport);
    }
}
