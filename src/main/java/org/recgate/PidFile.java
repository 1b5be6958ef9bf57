package org.recgate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code recgate.data-dir/recgate.pid}: this process's id while the gateway runs, so an operator can
 * signal this gateway and nothing else ({@code kill -HUP $(cat data/recgate.pid)}, docs/operations.md);
 * a pattern such as {@code pgrep -f recgate.jar} also matches every CLI. Removed when the gateway stops.
 */
final class PidFile {

    static final String NAME = "recgate.pid";
    private static final Logger LOG = LoggerFactory.getLogger(PidFile.class);

    private final Path file;

    private PidFile(Path file) {
        this.file = file;
    }

    static PidFile write(Path dataDir) {
        Path file = dataDir.resolve(NAME);
        try {
            Files.createDirectories(dataDir);
            Files.writeString(file, ProcessHandle.current().pid() + "\n");
        } catch (IOException e) {
            throw new StartupException("cannot write the PID file " + file.toAbsolutePath() + " (" + e.getMessage()
                    + "): make recgate.data-dir a folder the gateway may write to");
        }
        return new PidFile(file);
    }

    Path path() {
        return file;
    }

    void remove() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.info("PID file {} not removed: {}", file, e.getMessage());
        }
    }
}
