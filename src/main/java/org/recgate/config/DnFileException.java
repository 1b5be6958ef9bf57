package org.recgate.config;

import java.util.List;

/** The DN file cannot be used; the message names the file, the line and what is wrong, for each problem found. */
public class DnFileException extends RuntimeException {

    private final List<String> problems;

    public DnFileException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of(message);
    }

    /** Several problems, each "file line N...: what" (all of them, not just the first). */
    public DnFileException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
