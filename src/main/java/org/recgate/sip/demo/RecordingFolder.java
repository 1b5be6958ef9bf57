package org.recgate.sip.demo;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The folder the demo recorder writes into: one JSON file per recording session, named after the
 * recording.
 * <p>
 * Every write goes to a hidden temporary file in the same folder first, then replaces the
 * session's file in one rename, so a reader (a person, {@code jq}, a test) sees the previous
 * version or the new one, never half a file. A new session never overwrites another's file: when
 * the name is taken, {@code -2}, {@code -3} ... is added.
 */
final class RecordingFolder {

    /** {@code "key": value}, indented, one array element a line: the SDP offer reads like SDP. */
    private static final ObjectWriter JSON = new ObjectMapper().writer(
            new DefaultPrettyPrinter(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                    .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"))
                    .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n")));
    private static final String SUFFIX = ".json";
    private static final int MAX_NAME_LENGTH = 150;

    private final Path folder;

    RecordingFolder(Path folder) {
        this.folder = folder;
    }

    Path path() {
        return folder;
    }

    /** Creates the folder (and its parents) when missing. */
    void create() throws IOException {
        Files.createDirectories(folder);
    }

    /**
     * Writes the first version of a session's file under a name not yet taken, derived from
     * {@code name} (the recording id, or the Call-ID): characters other than letters, digits,
     * {@code . _ -} become {@code _}.
     *
     * @return the file, for {@link #replace}
     */
    synchronized Path create(String name, SessionFile content) throws IOException {
        String base = safeName(name);
        Path file = folder.resolve(base + SUFFIX);
        for (int n = 2; Files.exists(file); n++) {
            file = folder.resolve(base + "-" + n + SUFFIX);
        }
        replace(file, content);
        return file;
    }

    /** Replaces the file's content at once (temporary file + rename). */
    void replace(Path file, SessionFile content) throws IOException {
        // Not Files.createTempFile: its owner-only permissions would end up on the JSON file.
        Path temporary = folder.resolve("." + file.getFileName() + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
                + ".tmp");
        try {
            Files.writeString(temporary, JSON.writeValueAsString(content) + "\n", StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** A file name part that stays inside the folder and is not hidden. */
    static String safeName(String name) {
        String safe = name == null ? "" : name.replaceAll("[^A-Za-z0-9._-]", "_").replaceFirst("^\\.+", "_");
        if (safe.isEmpty()) {
            return "recording";
        }
        return safe.length() > MAX_NAME_LENGTH ? safe.substring(0, MAX_NAME_LENGTH) : safe;
    }
}
