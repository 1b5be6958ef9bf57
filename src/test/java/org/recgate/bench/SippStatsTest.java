package org.recgate.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SippStatsTest {

    private static final String HEADER = "StartTime;LastResetTime;CurrentTime;CurrentCall;SuccessfulCall(P);SuccessfulCall(C);"
            + "FailedCall(P);FailedCall(C);";

    @Test
    void readsTheLastCompleteRowOfSippsStatisticsFile(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("stats.csv");
        Files.writeString(csv, HEADER + "\n"
                + "a;b;2026-11-29\t22:20:48.110140\t1795990848.110140;3;1;1;0;0;\n"
                + "a;b;2026-11-29\t22:20:49.109325\t1795990849.109325;2983;8105;8105;2;5;\n"
                + "a;b;2026-11-29\t22:20:50"); // sipp still writing this one
        SippStats stats = SippStats.lastRow(csv);
        assertEquals(new SippStats(8105, 5, 2983, 1795990849.109325), stats);
    }

    @Test
    void noFileOrNoRowYetIsAllZero(@TempDir Path dir) throws Exception {
        assertEquals(SippStats.NONE, SippStats.lastRow(dir.resolve("none.csv")));
        Files.writeString(dir.resolve("header.csv"), HEADER + "\n");
        assertEquals(SippStats.NONE, SippStats.lastRow(dir.resolve("header.csv")));
    }
}
