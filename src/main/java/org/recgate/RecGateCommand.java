package org.recgate;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import org.recgate.config.DnFileException;
import org.recgate.gateway.session.ServerInfo;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The jar's command line ({@code java -jar recgate.jar [command]}): {@code run} (the default) starts
 * the gateway; {@code check-config}, {@code hash-password}, {@code --help} and {@code --version} start
 * nothing and write no file. docs/operations.md, "Command line".
 */
@Command(name = "java -jar recgate.jar", mixinStandardHelpOptions = true, versionProvider = RecGateCommand.Version.class,
        description = {"RecGate: T-Library in, SIPREC/MSML recorders and Kafka out.",
            "Without a command: run. Settings: application.properties, overridden by -Dkey=value and"
                + " environment variables (docs/configuration.md)."},
        subcommands = {RecGateCommand.Run.class, CheckConfig.class, RecGateCommand.HashPasswordCommand.class,
            CommandLine.HelpCommand.class})
final class RecGateCommand implements Callable<Integer> {

    private RecGateCommand() {
    }

    /** The exit status of the command {@code args} name. */
    static int execute(String[] args, PrintStream out, PrintStream err) {
        CommandLine line = new CommandLine(new RecGateCommand(), new Factory(new Streams(out, err)));
        line.setOut(new java.io.PrintWriter(out, true));
        line.setErr(new java.io.PrintWriter(err, true));
        return line.execute(args);
    }

    @Override
    public Integer call() {
        return Run.gateway();
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Runs the gateway until SIGTERM or Ctrl-C (the default command); writes recgate.pid in recgate.data-dir.")
    static final class Run implements Callable<Integer> {

        @Override
        public Integer call() {
            return gateway();
        }

        /** A gateway that cannot start (a port taken, a bad DN file) exits 1 with one line saying why. */
        static int gateway() {
            try {
                RecGate.create(Map.of()).run(new String[0]);
                return 0;
            } catch (Exception e) {
                String reason = operatorReason(e);
                if (reason != null) {
                    LoggerFactory.getLogger(RecGateMain.class).error("RecGate could not start: {}", reason);
                } else {
                    LoggerFactory.getLogger(RecGateMain.class).error("RecGate could not start: {}", e.getMessage(), e);
                }
                return 1;
            }
        }

        /** The message of a failure the operator fixes in a setting or a file (no stack trace for those). */
        private static String operatorReason(Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof StartupException || cause instanceof DnFileException) {
                    return cause.getMessage();
                }
            }
            return null;
        }
    }

    @Command(name = HashPassword.COMMAND, mixinStandardHelpOptions = true,
            description = {"Reads a password (typed without echo, or the first line of standard input) and prints",
                "the form the DN file stores: {pbkdf2-sha256}<iterations>$<salt>$<hash> (docs/security.md)."})
    static final class HashPasswordCommand implements Callable<Integer> {

        private final Streams streams;

        HashPasswordCommand(Streams streams) {
            this.streams = streams;
        }

        @Override
        public Integer call() {
            return HashPassword.run(System.console(), System.in, streams.out(), streams.err());
        }
    }

    /** {@code --version}: the build's Implementation-Version (the jar's manifest). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"RecGate " + ServerInfo.implementationVersion()};
        }
    }

    /** Gives the commands that print the streams they print to (tests run them in-process too). */
    private record Factory(Streams streams) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == CheckConfig.class) {
                return type.cast(new CheckConfig(streams));
            }
            if (type == HashPasswordCommand.class) {
                return type.cast(new HashPasswordCommand(streams));
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
