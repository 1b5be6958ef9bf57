package org.recgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One row of sipp's statistics file ({@code -trace_stat}, semicolon-separated, header first):
 * cumulative successful and failed calls, calls open now, and when the row was written.
 */
record SippStats(long successful, long failed, long current, double epochSeconds) {

    static final SippStats NONE = new SippStats(0, 0, 0, 0);

    static SippStats lastRow(Path csv) throws IOException {
        if (!Files.exists(csv)) {
            return NONE;
        }
        List<String> lines = Files.readAllLines(csv);
        if (lines.size() < 2) {
            return NONE;
        }
        List<String> header = List.of(lines.get(0).split(";"));
        String[] row = lastComplete(lines, header.size());
        if (row == null) {
            return NONE;
        }
        return new SippStats(number(row, header, "SuccessfulCall(C)"), number(row, header, "FailedCall(C)"),
                number(row, header, "CurrentCall"), epoch(row[header.indexOf("CurrentTime")]));
    }

    /** The last row with every column (sipp may be writing the very last one). */
    private static String[] lastComplete(List<String> lines, int columns) {
        for (int i = lines.size() - 1; i >= 1; i--) {
            String[] row = lines.get(i).split(";");
            if (row.length >= columns) {
                return row;
            }
        }
        return null;
    }

    private static long number(String[] row, List<String> header, String column) {
        int index = header.indexOf(column);
        return index < 0 ? 0 : Long.parseLong(row[index].trim());
    }

    /** sipp's time columns read "2026-11-29\t22:20:48.109784\t1795990848.109784": the last field is epoch seconds. */
    private static double epoch(String field) {
        String[] parts = field.trim().split("\t");
        return Double.parseDouble(parts[parts.length - 1]);
    }
}
