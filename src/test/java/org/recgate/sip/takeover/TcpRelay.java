package org.recgate.sip.takeover;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The SIP proxy (or SBC) in front of the recorder in the TCP case of {@link DialogTakeoverIT}:
 * one TCP connection to the recorder that outlives the gateway processes connected to it, as a
 * proxy's connection outlives a client's. Bytes from any gateway connection go up that one
 * connection; bytes from the recorder go down the gateway connection opened last.
 * <p>
 * Needed because sipp ends every call on a TCP connection when that connection closes
 * (sipp 3.6.1 {@code SIPpSocket::close_calls} → {@code call::tcpClose}), so without it the
 * {@code kill -9} of the first process would end the recorder's call too; docs/durable-state.md §6.
 */
public final class TcpRelay implements AutoCloseable {

    private final ServerSocket listener;
    private final Socket upstream;
    private final List<Socket> downstream = new CopyOnWriteArrayList<>();
    private volatile Socket current;

    /** Connects to the recorder at {@code host:port} and listens on a free port of {@code host}. */
    public TcpRelay(String host, int port) throws IOException {
        upstream = new Socket(host, port);
        listener = new ServerSocket(0, 8, InetAddress.getByName(host));
        start("relay-accept", this::accept);
        start("relay-up", () -> copy(upstream.getInputStream(), null));
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void accept() throws IOException {
        while (!listener.isClosed()) {
            Socket gateway = listener.accept();
            downstream.add(gateway);
            current = gateway;
            start("relay-down", () -> copy(gateway.getInputStream(), upstream.getOutputStream()));
        }
    }

    /** Copies until the source ends; {@code to} null: to the current gateway connection. */
    private void copy(InputStream from, OutputStream to) throws IOException {
        byte[] buffer = new byte[8192];
        for (int read; (read = from.read(buffer)) >= 0; ) {
            OutputStream target = to != null ? to : current.getOutputStream();
            synchronized (target) {
                target.write(buffer, 0, read);
                target.flush();
            }
        }
    }

    private static void start(String name, IoTask task) {
        Thread thread = new Thread(() -> {
            try {
                task.run();
            } catch (IOException ended) {
                // a connection closed: the gateway process was killed, or the relay is closing
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    @FunctionalInterface
    private interface IoTask {
        void run() throws IOException;
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : downstream) {
            socket.close();
        }
        upstream.close();
    }
}
