package org.recgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.recgate.testing.RunningGateway;

/** The gateway says which process to signal (kill -HUP $(cat data/recgate.pid)) while it runs, and only then. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class PidFileIT {

    @Test
    void thePidFileHoldsThisProcessWhileTheGatewayRuns(@TempDir Path dataDir) throws Exception {
        Path pidFile = dataDir.resolve("recgate.pid");
        RunningGateway gateway = RunningGateway.start(Map.of("recgate.data-dir", dataDir.toString()));
        try {
            assertEquals(Long.toString(ProcessHandle.current().pid()), Files.readString(pidFile).strip());
        } finally {
            gateway.close();
        }
        assertFalse(Files.exists(pidFile), "removed when the gateway stops");
    }
}
