package org.recgate;

/**
 * {@code java -jar recgate.jar [run | check-config | hash-password | --help | --version]}
 * ({@link RecGateCommand}): exits with the command's status.
 */
public final class RecGateMain {

    private RecGateMain() {
    }

    public static void main(String[] args) {
        System.exit(RecGateCommand.execute(args, System.out, System.err));
    }
}
