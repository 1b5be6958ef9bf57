package org.recgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.recgate.tlib.model.Attr;
import org.recgate.tlib.model.MessageName;

/**
 * RecGate's command-line T-Library client (docs/cli.md): registers as an application, sends
 * requests typed on stdin or read from a file, and prints every event the gateway sends as the
 * raw JSON line on stdout, so its output can be piped into {@code jq} or compared in tests.
 * Everything else goes to stderr.
 */
public final class TlibCli {

    /** The log4j2.xml property naming the console the log goes to. */
    static final String LOG_TARGET = "recgate.log.target";

    /** Every request answered, none with EventError. */
    public static final int OK = 0;
    /** A request answered with EventError, a timeout, a bad line in a file, or the connection lost. */
    public static final int FAILED = 1;
    /** Wrong options, no connection, or RequestRegisterClient refused. */
    public static final int USAGE_OR_CONNECTION = 2;

    private final CliOptions options;
    private final PrintStream err;
    private final CommandParser parser = new CommandParser(new AtomicLong()::incrementAndGet);
    private final PendingReplies replies = new PendingReplies();
    private final HeldRegistrations held = new HeldRegistrations();
    private boolean failed;
    /** The input has ended or said quit: after a reconnect the session only waits out --wait-ms. */
    private boolean inputDone;
    private int lineNumber;

    private TlibCli(CliOptions options, PrintStream err) {
        this.options = options;
        this.err = err;
    }

    public static void main(String[] args) {
        // before any logger exists: the log (the Kafka client's warnings, say) goes to stderr, so that
        // stdout carries only the events and lists a script reads (log4j2.xml, docs/cli.md)
        if (System.getProperty(LOG_TARGET) == null) {
            System.setProperty(LOG_TARGET, "SYSTEM_ERR");
        }
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.exit(run(args, System.in, out, err));
    }

    /** The whole client on the given streams; returns the exit status. Tests call this in-process. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (args.length > 0 && args[0].equals("watch-topic")) {
            return WatchTopic.run(List.of(args).subList(1, args.length), out, err);
        }
        if (args.length > 0 && args[0].equals("recordings")) {
            return LiveRecordings.run(List.of(args).subList(1, args.length), out, err);
        }
        if (List.of(args).contains("--version")) {
            String version = TlibCli.class.getPackage().getImplementationVersion();
            out.println("recgate-cli " + (version == null ? "dev" : version));
            out.flush();
            return OK;
        }
        CliOptions options;
        try {
            options = CliOptions.parse(args);
        } catch (CliOptions.UsageException e) {
            err.println("recgate-cli: " + e.getMessage() + " (--help lists the options)");
            return USAGE_OR_CONNECTION;
        }
        if (options.help()) {
            err.print(CliOptions.USAGE);
            err.println();
            err.print(CommandHelp.TEXT);
            return OK;
        }
        InputStream input;
        try {
            input = options.fileMode() && !options.file().equals("-") ? Files.newInputStream(Path.of(options.file())) : in;
        } catch (IOException e) {
            err.println("recgate-cli: cannot read " + options.file() + ": " + e);
            return USAGE_OR_CONNECTION;
        }
        try {
            return new TlibCli(options, err).session(InputLines.readFrom(input, err), out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FAILED;
        }
    }

    private int session(InputLines lines, PrintStream out) throws InterruptedException {
        List<Command.Send> registration;
        try {
            registration = registration(options.registrations());
        } catch (CommandParser.BadCommandException e) {
            err.println("recgate-cli: --register: " + e.getMessage());
            return USAGE_OR_CONNECTION;
        }
        ServerRotation rotation = new ServerRotation(options.servers(), options.reconnect(),
                (int) options.timeout().toMillis(), options.tls());
        ServerRotation.Opened opened;
        try {
            opened = rotation.open(0, line -> printAndMatch(line, out));
        } catch (IOException e) {
            err.println("recgate-cli: cannot connect to " + e.getMessage());
            return USAGE_OR_CONNECTION;
        }
        boolean first = true;
        while (true) {
            try (TlibConnection connection = opened.connection()) {
                connection.lost().thenRun(replies::connectionLost);
                connection.lost().thenRun(lines::wake);
                return converse(connection, opened.server(), registration, lines, first);
            } catch (IOException e) {
                replies.connectionLost(); // the reader may not have got there yet
                reportLost(opened.server());
                if (options.reconnect().isZero()) {
                    err.println("recgate-cli: connection to " + opened.server() + " lost: " + e.getMessage());
                    return FAILED;
                }
            }
            GatewayAddress lost = opened.server();
            try {
                opened = rotation.open(opened.index() + 1, line -> printAndMatch(line, out));
                registration = registration(held.asOptions());
            } catch (IOException e) {
                err.println("recgate-cli: connection to " + lost + " lost; no server accepted within "
                        + options.reconnect().toMillis() + " ms: " + e.getMessage());
                return FAILED;
            } catch (CommandParser.BadCommandException e) {
                throw new IllegalStateException("a DN the gateway confirmed is no --register value", e);
            }
            err.println("recgate-cli: connection to " + lost + " lost; reconnected to " + opened.server() + " after "
                    + opened.millis() + " ms, registering again as " + options.application()
                    + (registration.size() > 1 ? " with " + String.join(", ", held.asOptions()) : ""));
            replies.reconnected();
            first = false;
        }
    }

    /** The requests in flight when the connection went: each reported, none sent again, and the run failed. */
    private void reportLost(GatewayAddress server) {
        for (String request : replies.takeLost()) {
            err.println("recgate-cli: " + request + " was in flight when the connection to " + server
                    + " was lost: not sent again, its outcome is unknown");
            failed = true;
        }
    }

    /** Runs on the connection's reader thread: the event is on stdout before anyone waiting for it goes on. */
    private void printAndMatch(String line, PrintStream out) {
        out.println(line);
        out.flush();
        JsonNode event = PendingReplies.parse(line);
        if (event != null) {
            held.received(event);
            replies.received(event);
        }
    }

    /** RequestRegisterClient, then a RequestRegisterAddress per {@code DN[:MODE]}, each with a fresh AttrReferenceID. */
    private List<Command.Send> registration(List<String> dns) throws CommandParser.BadCommandException {
        List<Command.Send> requests = new ArrayList<>();
        requests.add(parser.registerClient(options.application(), options.password()));
        for (String registration : dns) {
            requests.add(parser.register(registration));
        }
        return requests;
    }

    private int converse(TlibConnection connection, GatewayAddress server, List<Command.Send> registration,
                         InputLines lines, boolean first) throws IOException, InterruptedException {
        if (!registerClient(connection, registration.get(0), first)) {
            err.println("recgate-cli: not registered as " + options.application() + " on " + server + ", ending");
            return first ? USAGE_OR_CONNECTION : FAILED;
        }
        for (Command.Send dn : registration.subList(1, registration.size())) {
            failed |= !sendAndAwait(connection, dn);
        }
        if (first && !options.fileMode()) {
            err.println("recgate-cli: connected to " + server + " as " + options.application()
                    + "; type help for the commands, quit or end of input to leave");
        }
        if (!inputDone) {
            runLines(connection, lines);
            inputDone = true;
        }
        if (connection.isLost() || connection.awaitLoss(options.waitAtEnd().toMillis())) {
            throw new IOException("the gateway closed the connection");
        }
        return failed ? FAILED : OK;
    }

    private void runLines(TlibConnection connection, InputLines lines) throws IOException, InterruptedException {
        for (Optional<String> line = lines.next(connection::isLost); line.isPresent(); line = lines.next(connection::isLost)) {
            lineNumber++;
            Optional<Command> command;
            try {
                command = parser.parse(line.get());
            } catch (CommandParser.BadCommandException e) {
                err.println(where(lineNumber) + e.getMessage());
                failed |= options.fileMode();
                continue;
            }
            if (command.isPresent() && !execute(connection, command.get())) {
                return;
            }
        }
    }

    /** Carries out one command; false for {@code quit}. */
    private boolean execute(TlibConnection connection, Command command) throws IOException, InterruptedException {
        if (command instanceof Command.Send send) {
            if (options.fileMode() && send.expectsReply()) {
                failed |= !sendAndAwait(connection, send);
            } else {
                if (send.expectsReply()) {
                    replies.expect(send.referenceId(), describe(send)); // so that it is reported if the connection goes
                }
                connection.send(send.json());
            }
        } else if (command instanceof Command.Sleep sleep) {
            if (connection.awaitLoss(sleep.millis())) {
                throw new IOException("the gateway closed the connection");
            }
        } else if (command instanceof Command.Help) {
            err.print(CommandHelp.TEXT);
        } else if (command instanceof Command.Quit) {
            return false;
        }
        return true;
    }

    /**
     * RequestRegisterClient; true if accepted. A connection the gateway ends before answering it never
     * had a session, like a refused one: a TLS port spoken to without --tls, a client certificate missing.
     */
    private boolean registerClient(TlibConnection connection, Command.Send registerClient, boolean first)
            throws IOException, InterruptedException {
        try {
            return sendAndAwait(connection, registerClient);
        } catch (IOException e) {
            if (!first) {
                throw e; // lost again while registering again: the next server
            }
            err.println("recgate-cli: the gateway closed the connection before answering RequestRegisterClient ("
                    + e.getMessage() + "); is it a TLS port (--tls), does it need a client certificate (--keystore)?");
            return false;
        }
    }

    /** Sends the request and waits for its reply; true if the reply is not EventError. */
    private boolean sendAndAwait(TlibConnection connection, Command.Send send) throws IOException, InterruptedException {
        String request = describe(send);
        CompletableFuture<JsonNode> pending = replies.expect(send.referenceId(), request);
        connection.send(send.json());
        Optional<JsonNode> reply = replies.await(send.referenceId(), pending, options.timeout());
        if (reply.isEmpty()) {
            err.println("recgate-cli: no reply to " + request + " within " + options.timeout().toMillis() + " ms");
            return false;
        }
        if (MessageName.EVENT_ERROR.equals(reply.get().path(Attr.MESSAGE).asText())) {
            err.println("recgate-cli: " + request + " answered with EventError " + reply.get().path(Attr.ERROR_CODE));
            return false;
        }
        return true;
    }

    private static String describe(Command.Send send) {
        return send.name() + " (AttrReferenceID " + send.referenceId() + ")";
    }

    private String where(int line) {
        return "recgate-cli: " + (options.fileMode() ? "line " + line + ": " : "");
    }
}
