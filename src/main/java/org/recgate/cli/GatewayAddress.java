package org.recgate.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * One gateway the CLI may connect to: {@code --host}/{@code --port}, or an entry of
 * {@code --server host:port,host:port} naming the instances of a hot-standby pair (docs/cli.md,
 * "A hot-standby pair").
 */
record GatewayAddress(String host, int port) {

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * The entries of a {@code --server} value, in order: {@code host:port}, {@code host} (then
     * {@code defaultPort}), {@code [IPv6]:port} or {@code [IPv6]}. A bad entry is named in the error.
     */
    static List<GatewayAddress> parseList(String list, int defaultPort) throws CliOptions.UsageException {
        List<GatewayAddress> servers = new ArrayList<>();
        for (String entry : list.split(",", -1)) {
            servers.add(parse(entry.strip(), defaultPort, list));
        }
        return List.copyOf(servers);
    }

    private static GatewayAddress parse(String entry, int defaultPort, String list) throws CliOptions.UsageException {
        if (entry.isEmpty()) {
            throw bad(list, "an empty entry");
        }
        String host;
        String port = null;
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            if (close < 0 || (close + 1 < entry.length() && entry.charAt(close + 1) != ':')) {
                throw bad(list, "'" + entry + "' is no [IPv6]:PORT");
            }
            host = entry.substring(1, close);
            port = close + 1 < entry.length() ? entry.substring(close + 2) : null;
        } else {
            int colon = entry.indexOf(':');
            if (colon >= 0 && entry.indexOf(':', colon + 1) >= 0) {
                throw bad(list, "'" + entry + "' has more than one ':' (an IPv6 address goes in brackets: [::1]:7100)");
            }
            host = colon < 0 ? entry : entry.substring(0, colon);
            port = colon < 0 ? null : entry.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw bad(list, "'" + entry + "' has no host");
        }
        return new GatewayAddress(host, port == null ? defaultPort : port(port, entry, list));
    }

    private static int port(String port, String entry, String list) throws CliOptions.UsageException {
        try {
            int number = Integer.parseInt(port);
            if (number >= 1 && number <= 65535) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below, like a port out of range
        }
        throw bad(list, "'" + entry + "' has no port from 1 to 65535");
    }

    private static CliOptions.UsageException bad(String list, String what) {
        return new CliOptions.UsageException("--server '" + list + "': " + what
                + "; give HOST:PORT[,HOST:PORT...]");
    }
}
