package org.recgate.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What YAML parsers let through or report badly, found before the DN file is read: a key given twice
 * in one mapping (YAML 1.2 §3.2.1.1 requires keys to be unique; Jackson keeps the last one silently,
 * so a second {@code "2002"} entry without {@code record:} would switch full-time recording off), and
 * tabs, which YAML does not allow as indentation and which the parser reports at the wrong place.
 * Every problem is listed, each with its line.
 */
final class StrictYaml {

    private static final YAMLFactory YAML = new YAMLFactory();

    private StrictYaml() {
    }

    /** "{source} line N...: ..." for each tab and each duplicate key; empty when there is none. */
    static List<String> problems(byte[] content, String source) {
        List<String> problems = tabs(new String(content, StandardCharsets.UTF_8), source);
        if (problems.isEmpty()) {
            problems.addAll(duplicateKeys(content, source));
        }
        return problems;
    }

    /** A tab outside quotes, line by line: a quoted tab is part of a value and allowed. */
    private static List<String> tabs(String text, String source) {
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int column = unquotedTab(lines[i]);
            if (column >= 0) {
                problems.add(source + " line " + (i + 1) + ", column " + (column + 1)
                        + ": a tab; YAML allows only spaces for indentation and between items: replace it with spaces");
            }
        }
        return problems;
    }

    private static int unquotedTab(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == 0 && c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return -1; // a comment: anything goes
            }
            if (c == '\t' && quote == 0) {
                return i;
            }
            if ((c == '"' || c == '\'') && (quote == 0 || quote == c)) {
                quote = quote == 0 ? c : 0;
            }
        }
        return -1;
    }

    private record Level(String name, Map<String, Integer> keys) {
    }

    private static List<String> duplicateKeys(byte[] content, String source) {
        List<String> problems = new ArrayList<>();
        try (JsonParser parser = YAML.createParser(content)) {
            Deque<Level> levels = new ArrayDeque<>();
            String field = null;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                switch (token) {
                    case START_OBJECT, START_ARRAY -> {
                        levels.push(new Level(field == null ? "" : field, token == JsonToken.START_OBJECT ? new HashMap<>() : null));
                        field = null;
                    }
                    case END_OBJECT, END_ARRAY -> levels.pop();
                    case FIELD_NAME -> {
                        field = parser.currentName();
                        int line = parser.currentTokenLocation().getLineNr();
                        Integer first = levels.peek().keys().putIfAbsent(field, line);
                        if (first != null) {
                            problems.add(source + " line " + line + ", at " + path(levels) + ": duplicate key '" + field
                                    + "' (first at line " + first + "): each key may appear once in a mapping;"
                                    + " keep one entry");
                        }
                    }
                    default -> field = null;
                }
            }
        } catch (IOException unparsable) {
            // the parse that follows reports it with its line
        }
        return problems;
    }

    private static String path(Deque<Level> levels) {
        List<String> names = new ArrayList<>();
        levels.descendingIterator().forEachRemaining(level -> {
            if (!level.name().isEmpty()) {
                names.add(level.name());
            }
        });
        return names.isEmpty() ? "the top level" : String.join(".", names);
    }
}
