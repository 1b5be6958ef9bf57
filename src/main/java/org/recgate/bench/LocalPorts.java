package org.recgate.bench;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports free on 127.0.0.1 for the processes a run starts (the gateway's listeners, sipp, a broker),
 * taken below the kernel's ephemeral range (net.ipv4.ip_local_port_range). A port chosen now and bound
 * only later must not be taken meanwhile as the local port of some connection: a port the kernel
 * handed out with bind(0) is one it hands out for connections too, and on a busy machine the gateway's
 * own Kafka client took the T-Library port before its listener opened (BindException).
 */
public final class LocalPorts {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int SPAN = 12_000;
    /** The lowest port the kernel hands out for connections; the ports here are the SPAN below it. */
    private static final int EPHEMERAL_LOW = ephemeralLow();
    /** Ports given out by this JVM: one is never given twice, even before it is bound. */
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private LocalPorts() {
    }

    /** A port free for TCP. */
    public static int tcp() throws IOException {
        return free("tcp");
    }

    /** A port free for the transport ({@code udp} or {@code tcp}), and for UDP too, where sipp opens it as well. */
    public static int free(String transport) throws IOException {
        while (true) {
            int port = EPHEMERAL_LOW - 1 - ThreadLocalRandom.current().nextInt(SPAN);
            if (!GIVEN.contains(port) && isFree(port, "udp") && isFree(port, transport) && GIVEN.add(port)) {
                return port;
            }
        }
    }

    /** Whether nothing listens on the port for the transport right now. */
    public static boolean isFree(int port, String transport) throws IOException {
        try {
            if ("tcp".equals(transport)) {
                try (ServerSocket socket = new ServerSocket()) {
                    socket.setReuseAddress(false);
                    socket.bind(new InetSocketAddress(LOOPBACK, port));
                }
            } else {
                new DatagramSocket(port, LOOPBACK).close();
            }
            return true;
        } catch (BindException e) {
            return false;
        }
    }

    private static int ephemeralLow() {
        try {
            // read as lines: Files.readString returns only the first bytes of this procfs file (its size is 0)
            String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
            int low = Integer.parseInt(range.split("\\s+")[0]);
            return low > SPAN + 1024 ? low : 1024 + SPAN + 1;
        } catch (IOException | RuntimeException e) {
            return 32_768; // Linux's default range starts there
        }
    }
}
