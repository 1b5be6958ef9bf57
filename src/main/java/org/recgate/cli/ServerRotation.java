package org.recgate.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Connects to the first of the servers that accepts, trying them in turn (docs/cli.md, "A
 * hot-standby pair"): a pair's standby refuses connections until it is active, so while the pair
 * takes over both may refuse for a few seconds. After a round that none accepted it waits a short
 * back-off (100 ms, doubling up to 500 ms: the delay it adds to a takeover stays short) and tries
 * again, until {@code bound} has passed; every server is tried at least once, also with a bound of zero.
 */
final class ServerRotation {

    private static final long FIRST_BACKOFF_MS = 100;
    private static final long MAX_BACKOFF_MS = 500;

    private final List<GatewayAddress> servers;
    private final Duration bound;
    private final int connectTimeoutMillis;
    private final CliTls tls;

    ServerRotation(List<GatewayAddress> servers, Duration bound, int connectTimeoutMillis, CliTls tls) {
        this.servers = servers;
        this.bound = bound;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.tls = tls;
    }

    /** A connection, the server it is to, that server's index in the list, and how long finding it took. */
    record Opened(TlibConnection connection, GatewayAddress server, int index, long millis) {
    }

    /**
     * Tries the servers from index {@code first} on (after a lost connection: the next one, as the
     * lost one is likely the former active). Fails with each server's last refusal.
     */
    Opened open(int first, Consumer<String> events) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + bound.toNanos();
        long backoff = FIRST_BACKOFF_MS;
        List<String> refusals = new ArrayList<>();
        for (int attempt = 0; ; attempt++) {
            int index = (first + attempt) % servers.size();
            GatewayAddress server = servers.get(index);
            try {
                TlibConnection connection = TlibConnection.open(server.host(), server.port(), connectTimeoutMillis, tls, events);
                return new Opened(connection, server, index, (System.nanoTime() - start) / 1_000_000);
            } catch (IOException e) {
                if (refusals.size() == servers.size()) {
                    refusals.remove(0);
                }
                refusals.add(server + " (" + e.getMessage() + ")");
            }
            long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
            boolean roundDone = (attempt + 1) % servers.size() == 0;
            if (roundDone && remainingMillis <= 0) {
                throw new IOException(String.join(", ", refusals));
            }
            if (roundDone) {
                Thread.sleep(Math.min(backoff, remainingMillis));
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
            }
        }
    }
}
