package org.recgate;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Before anything starts: each port the gateway is about to open is free, or the start fails with
 * one line naming the port and the key that sets it (instead of a bind stack trace from deep inside
 * Netty, JAIN-SIP or Kafka).
 */
final class PortCheck {

    private final PropertiesComponent properties;

    PortCheck(PropertiesComponent properties) {
        this.properties = properties;
    }

    /** A TCP port on the host of {@code hostKey}, set by {@code portKey}. */
    void tcp(String hostKey, String portKey) {
        tcpOn(properties.resolveProperty(hostKey).map(String::trim).orElse("0.0.0.0"), portKey);
    }

    /** A TCP port on a fixed host, set by {@code portKey}. */
    void tcpOn(String host, String portKey) {
        int port = port(portKey);
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw inUse("TCP", host, port, portKey, e);
        }
    }

    /** A SIP port: UDP, and TCP too when that is the transport. */
    void sip(String hostKey, String portKey, String transport) {
        String host = properties.resolveProperty(hostKey).map(String::trim).orElse("127.0.0.1");
        int port = port(portKey);
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(host, port))) {
            socket.getLocalPort();
        } catch (IOException e) {
            throw inUse("UDP", host, port, portKey, e);
        }
        if ("tcp".equalsIgnoreCase(transport)) {
            tcp(hostKey, portKey);
        }
    }

    private int port(String key) {
        String value = properties.resolveProperty(key).map(String::trim).orElse("");
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new StartupException("The setting " + key + " must be a port number, not '" + value + "'");
        }
    }

    private static StartupException inUse(String protocol, String host, int port, String key, IOException e) {
        return new StartupException(protocol + " port " + port + " on " + host + " is not available (" + e.getMessage()
                + "): stop what uses it, or set " + key + " to another port");
    }
}
