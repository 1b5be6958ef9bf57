package org.recgate;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.recgate.config.PasswordHash;

/**
 * {@code java -jar recgate.jar hash-password}: reads one password on standard input (without echo
 * on a terminal) and prints the form the DN file stores, {@code {pbkdf2-sha256}...}
 * (docs/configuration.md, docs/security.md "Credentials").
 */
final class HashPassword {

    static final String COMMAND = "hash-password";

    private HashPassword() {
    }

    /** Exit status: 0 printed, 1 no password read. */
    static int run(Console console, InputStream in, PrintStream out, PrintStream err) {
        char[] password = console != null ? console.readPassword("Password: ") : firstLine(in);
        if (password == null || password.length == 0) {
            err.println("hash-password: no password read: type it at the prompt, or give it as the first line"
                    + " of standard input (the line end is not part of it)");
            return 1;
        }
        try {
            out.println(PasswordHash.hash(password));
            return 0;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static char[] firstLine(InputStream in) {
        try {
            String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            return line == null ? null : line.toCharArray();
        } catch (IOException e) {
            return null;
        }
    }
}
