package org.recgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar's own commands as an operator runs them ({@code java -jar target/recgate.jar ...}
 * in a folder of its own): each but {@code run} answers quickly, starts nothing and leaves no
 * {@code data/} behind (docs/operations.md, "Command line").
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CommandLineIT {

    private static final Path JAR = Path.of("target/recgate.jar").toAbsolutePath();
    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    @TempDir
    Path workDir;

    private record Result(int status, String out, String err) {
    }

    private Result jar(String input, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(JAVA, "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("recgate-out", ".txt");
        Path err = Files.createTempFile("recgate-err", ".txt");
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        boolean ended = process.waitFor(30, TimeUnit.SECONDS);
        process.destroyForcibly();
        assertTrue(ended, String.join(" ", args) + " did not end within 30 s");
        Result result = new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        assertFalse(Files.exists(workDir.resolve("data")), String.join(" ", args) + " left data/ behind: " + result);
        return result;
    }

    @Test
    void helpListsTheCommandsAndVersionIsTheBuilds() throws Exception {
        Result help = jar("", "--help");
        assertEquals(0, help.status(), help.toString());
        for (String command : List.of("run", "check-config", "hash-password", "--version")) {
            assertTrue(help.out().contains(command), command + " missing from: " + help.out());
        }
        assertFalse(help.out().contains("camel"), "not Camel's own options: " + help.out());
        assertEquals(0, jar("", "-h").status());
        assertEquals(0, jar("", "check-config", "--help").status());

        Result version = jar("", "--version");
        assertEquals(0, version.status(), version.toString());
        String pom = Files.readString(Path.of("pom.xml"));
        String projectVersion = pom.substring(pom.indexOf("<version>", pom.indexOf("</modelVersion>")) + 9);
        projectVersion = projectVersion.substring(0, projectVersion.indexOf('<'));
        assertEquals("RecGate " + projectVersion, version.out().strip());

        Result wrong = jar("", "--no-such-option");
        assertEquals(2, wrong.status(), wrong.toString());
        assertTrue(wrong.err().contains("--no-such-option"), wrong.err());
    }

    @Test
    void hashPasswordPrintsTheStoredForm() throws Exception {
        Result hash = jar("s3cret\n", "hash-password");
        assertEquals(0, hash.status(), hash.toString());
        assertTrue(hash.out().strip().matches("\\{pbkdf2-sha256}210000\\$[A-Za-z0-9+/]+\\$[A-Za-z0-9+/]+"), hash.out());
        assertEquals(1, jar("", "hash-password").status(), "no password read");
    }

    @Test
    void checkConfigPassesWhatShipsAndListsEveryProblem() throws Exception {
        Result shipped = jar("", "check-config", "--dn-file", Path.of("config/dns.yaml").toAbsolutePath().toString(),
                "--routes-dir", Path.of("src/main/resources/routes").toAbsolutePath().toString());
        assertEquals(0, shipped.status(), shipped.toString());
        assertEquals(0, jar("", "check-config").status(), "the defaults: the bundled demo DN file and the jar's routes");

        Path dnFile = Files.writeString(workDir.resolve("dns.yaml"), """
                applications:
                  desktop: {roles: [desktop]}
                dns:
                  "2002": {type: ACDPosition, record: true}
                  "2002": {type: ACDPosition}
                  "1001": {type: Extension}
                  "1001": {}
                """);
        Path routes = Files.createDirectory(workDir.resolve("routes"));
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/routes"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, routes.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path userEvents = routes.resolve("tlib-user-events.camel.yaml");
        Files.writeString(userEvents, Files.readString(userEvents).replace("ref: userEventSteps\n            method: admit",
                "ref: userEventStep\n            method: admit"));
        Path audit = routes.resolve("audit.camel.yaml");
        Files.writeString(audit, Files.readString(audit).replace("uri: direct:audit\n      steps:", "uri: direct:audit\n      stepz:"));

        Result bad = jar("", "check-config", "--dn-file", dnFile.toString(), "--routes-dir", routes.toString());
        assertEquals(1, bad.status(), bad.toString());
        assertTrue(bad.err().contains(dnFile + " line 5, at dns: duplicate key '2002' (first at line 4)"), bad.err());
        assertTrue(bad.err().contains(dnFile + " line 7, at dns: duplicate key '1001' (first at line 6)"), bad.err());
        assertTrue(bad.err().contains(routes + File.separator + "tlib-user-events.camel.yaml line "
                + lineOf(userEvents, "ref: userEventStep") + ": no bean named 'userEventStep'"), bad.err());
        assertTrue(bad.err().contains(routes + File.separator + "audit.camel.yaml line " + lineOf(audit, "stepz:")
                + ": unknown key 'stepz'"), bad.err());
        assertTrue(bad.err().contains("check-config: 4 problems"), bad.err());
    }

    /** The 1-based line of the file that contains {@code text}: the test's own edit, wherever the route file has it. */
    private static int lineOf(Path file, String text) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }
}
