package org.recgate.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.OptionalInt;

/**
 * Finds the line of an entry in a YAML document by its key path ({@code dns}, {@code 1001}).
 * Jackson reports where its parser stood when a value was refused, which for a block entry is the
 * line after it; people fix files by the line of the entry's key.
 */
final class YamlLines {

    private static final YAMLFactory YAML = new YAMLFactory();

    private YamlLines() {
    }

    /** The 1-based line of the key at {@code path} (mapping keys only), if the document has it. */
    static OptionalInt lineOf(byte[] document, List<String> path) {
        if (path.isEmpty()) {
            return OptionalInt.empty();
        }
        try (JsonParser parser = YAML.createParser(document)) {
            Deque<String> keys = new ArrayDeque<>();
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                switch (token) {
                    case START_OBJECT, START_ARRAY -> keys.addLast("");
                    case END_OBJECT, END_ARRAY -> keys.pollLast();
                    case FIELD_NAME -> {
                        keys.pollLast();
                        keys.addLast(parser.currentName());
                        if (keys.size() == path.size() && List.copyOf(keys).equals(path)) {
                            return OptionalInt.of(parser.currentTokenLocation().getLineNr());
                        }
                    }
                    default -> {
                    }
                }
            }
        } catch (IOException unparseable) {
            // the caller reports the parse error itself
        }
        return OptionalInt.empty();
    }
}
