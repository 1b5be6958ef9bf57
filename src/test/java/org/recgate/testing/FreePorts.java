package org.recgate.testing;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Ports free on 127.0.0.1, so the gateways, brokers and sipp peers of one test run never collide. */
public final class FreePorts {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private FreePorts() {
    }

    /** A TCP port (T-Library listener, management HTTP, Kafka). */
    public static int tcp() throws IOException {
        return free("tcp");
    }

    /** A port free for the SIP transport ({@code udp} or {@code tcp}), and for UDP too, where sipp opens it as well. */
    public static int free(String transport) throws IOException {
        while (true) {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
                port = socket.getLocalPort();
            }
            if (isFree(port, "udp") && isFree(port, transport)) {
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
}
