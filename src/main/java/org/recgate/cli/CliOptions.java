package org.recgate.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The command-line options. {@code file} is null in interactive mode, {@code "-"} for a file of
 * requests read from stdin; {@code tls} is null without {@code --tls}. {@code servers} has one entry
 * ({@code --host}/{@code --port}) or those of {@code --server}; {@code reconnect} zero: no reconnecting.
 */
record CliOptions(List<GatewayAddress> servers, Duration reconnect, String application, String password, List<String> registrations,
                  String file, Duration waitAtEnd, Duration timeout, CliTls tls, boolean help) {

    static final String USAGE = """
            Usage: recgate-cli [OPTIONS]
            T-Library client of RecGate: sends requests, prints every event the gateway sends (stdout,
            one JSON object per line). Messages, errors and this help go to stderr.
              --host HOST            gateway host (default 127.0.0.1)
              --port PORT            gateway T-Library port (default 7100)
              --server HOST:PORT[,HOST:PORT...]
                                     the gateways to try in turn, e.g. both of a hot-standby pair
                                     (instead of --host; an entry without :PORT takes --port)
              --reconnect-ms N       when the connection is refused or lost, try the servers in turn
                                     for up to N ms, then register again (default 15000 with two or
                                     more servers, 0 = no reconnecting with one)
              --app NAME             application name in RequestRegisterClient (default cli)
              --password P           application password (AttrApplicationPassword)
              --register DN[:MODE]   register DN after connecting; MODE Share (default), Private or
                                     Monitor; repeatable
              --file FILE            run the requests in FILE (- for stdin), one by one, each after the
                                     reply to the one before; exit status 0 all replied, 1 an EventError,
                                     a timeout or a bad line, 2 usage or connection error
              --wait-ms N            after the last request, keep printing events for N ms
                                     (default 500 with --file, 0 otherwise)
              --timeout-ms N         how long to wait for a reply (default 5000)
              --tls                  connect over TLS (1.3 or 1.2); the gateway's certificate must be
                                     trusted and name --host
              --truststore FILE      PKCS12 file of the certificates (or CA) to trust (default: the
                                     JVM's CAs); --truststore-password P if it has one
              --keystore FILE        PKCS12 file with a client certificate, for a gateway that asks
                                     for one; --keystore-password P
              -h, --help             this help
              --version              the version of RecGate this client belongs to
            Without --file, lines are read from stdin and sent as they come, without waiting for replies.
                   recgate-cli watch-topic TOPIC [--brokers HOST:PORT] [--from-beginning] [--max N]
            prints the records of a Kafka topic (watch-topic --help for more).
                   recgate-cli recordings [--brokers HOST:PORT] [--topic T] [--state On|Paused] [--json]
            lists the live recordings of the state topic (recordings --help for more).
            """;

    /**
     * The default reconnect bound with a server list: above a pair's takeover after a crash (the
     * session timeout, 6 s by default, plus the standby's rejoin and its read of the state topic;
     * docs/operations.md, "High availability (hot-standby pair)").
     */
    static final int RECONNECT_MS = 15_000;

    private static final List<String> VALUED_OPTIONS = List.of(
            "--host", "--port", "--server", "--reconnect-ms", "--app", "--password", "--register", "--file", "--wait-ms", "--timeout-ms",
            "--truststore", "--truststore-password", "--keystore", "--keystore-password");
    private static final List<String> TLS_OPTIONS = List.of(
            "--truststore", "--truststore-password", "--keystore", "--keystore-password");

    boolean fileMode() {
        return file != null;
    }

    /** Accepts {@code --option value} and {@code --option=value}; a repeated option's last value counts. */
    static CliOptions parse(String... args) throws UsageException {
        Map<String, List<String>> values = new HashMap<>();
        boolean help = false;
        boolean tls = false;
        for (int i = 0; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            String option = equals > 0 ? args[i].substring(0, equals) : args[i];
            if (option.equals("--help") || option.equals("-h")) {
                help = true;
            } else if (args[i].equals("--tls")) {
                tls = true;
            } else if (!VALUED_OPTIONS.contains(option)) {
                throw new UsageException("unknown option '" + args[i] + "'");
            } else if (equals < 0 && i + 1 == args.length) {
                throw new UsageException(option + " needs a value");
            } else {
                values.computeIfAbsent(option, key -> new ArrayList<>())
                        .add(equals > 0 ? args[i].substring(equals + 1) : args[++i]);
            }
        }
        String file = last(values, "--file", null);
        List<GatewayAddress> servers = servers(values);
        return new CliOptions(servers,
                Duration.ofMillis(number(values, "--reconnect-ms", servers.size() > 1 ? RECONNECT_MS : 0, 0, Integer.MAX_VALUE)),
                last(values, "--app", "cli"), last(values, "--password", null),
                List.copyOf(values.getOrDefault("--register", List.of())), file,
                Duration.ofMillis(number(values, "--wait-ms", file == null ? 0 : 500, 0, Integer.MAX_VALUE)),
                Duration.ofMillis(number(values, "--timeout-ms", 5000, 1, Integer.MAX_VALUE)), tls(tls, values), help);
    }

    /**
     * {@code --server}, or the one server of {@code --host} and {@code --port}. {@code --port} is the
     * port of the {@code --server} entries that give none; {@code --host} with {@code --server} would
     * name the servers twice.
     */
    private static List<GatewayAddress> servers(Map<String, List<String>> values) throws UsageException {
        int port = number(values, "--port", 7100, 1, 65535);
        String list = last(values, "--server", null);
        if (list == null) {
            return List.of(new GatewayAddress(last(values, "--host", "127.0.0.1"), port));
        }
        if (values.containsKey("--host")) {
            throw new UsageException("--host and --server both name the server: give every host in --server");
        }
        return GatewayAddress.parseList(list, port);
    }

    private static CliTls tls(boolean tls, Map<String, List<String>> values) throws UsageException {
        if (!tls) {
            for (String option : TLS_OPTIONS) {
                if (values.containsKey(option)) {
                    throw new UsageException(option + " is for TLS connections: add --tls");
                }
            }
            return null;
        }
        return new CliTls(last(values, "--truststore", null), last(values, "--truststore-password", null),
                last(values, "--keystore", null), last(values, "--keystore-password", null));
    }

    private static String last(Map<String, List<String>> values, String option, String otherwise) {
        List<String> given = values.get(option);
        return given == null ? otherwise : given.get(given.size() - 1);
    }

    private static int number(Map<String, List<String>> values, String option, int otherwise, int min, int max)
            throws UsageException {
        String value = last(values, option, Integer.toString(otherwise));
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below, like a number out of range
        }
        throw new UsageException(option + " takes a number from " + min + " to " + max + ", not '" + value + "'");
    }

    /** Wrong options: reported with the usage, exit status 2. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message, null, false, false);
        }
    }
}
