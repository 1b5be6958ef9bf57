package org.recgate.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The project's own words for what Jackson refused in a DN file: where ("line N, at dns.1001", the
 * line of the entry's key), and what to write instead (the keys an entry takes, the kind of value a
 * key takes), never a Java class name. docs/configuration.md, "The DN file".
 */
final class DnFileErrors {

    /** Jackson's "from Array value" / "from String value ('x')": what the file has. */
    private static final Pattern FOUND = Pattern.compile("from (\\w[\\w-]*) value(?: \\('([^']*)'\\))?");
    private static final Map<String, String> FOUND_WORDS = Map.of("Array", "a list", "Object", "a mapping",
            "String", "a text", "Integer", "a number", "Floating-point", "a number", "Boolean", "true or false");

    /** The keys each entry takes, in the order docs/configuration.md gives them. */
    private static final Map<String, String> KEYS = Map.of("the DN file", "applications, dns",
            "an application", "password, roles, dns", "a DN", "type, record, recorder, dialect");

    private DnFileErrors() {
    }

    /** {@code source} + " line N, at path: reason". */
    static String describe(String source, JsonProcessingException e, byte[] content) {
        if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            JsonLocation location = e.getLocation();
            return source + (location == null || location.getLineNr() < 1 ? "" : " line " + location.getLineNr())
                    + ": " + firstLine(e.getOriginalMessage());
        }
        List<String> path = mapping.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .toList();
        OptionalInt keyLine = YamlLines.lineOf(content, path);
        String line = keyLine.isPresent() ? " line " + keyLine.getAsInt()
                : e.getLocation() == null ? "" : " line " + e.getLocation().getLineNr();
        if (e instanceof UnrecognizedPropertyException unknown) {
            List<String> parent = path.subList(0, path.size() - 1);
            return source + line + ", at " + (parent.isEmpty() ? "the top level" : String.join(".", parent))
                    + ": unknown key '" + unknown.getPropertyName() + "': " + entryName(parent) + " takes "
                    + KEYS.getOrDefault(entryName(parent), keys(unknown.getKnownPropertyIds()));
        }
        return source + line + ", at " + String.join(".", path) + ": " + reason(e);
    }

    private static String reason(JsonProcessingException e) {
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            return e.getCause().getMessage(); // one of the entry checks: already in the project's words
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return found(mismatch) + " is not " + expected(mismatch.getTargetType());
        }
        return firstLine(e.getOriginalMessage());
    }

    private static String found(MismatchedInputException mismatch) {
        if (mismatch instanceof InvalidFormatException invalid && invalid.getValue() != null) {
            return "'" + invalid.getValue() + "'";
        }
        Matcher found = FOUND.matcher(String.valueOf(mismatch.getOriginalMessage()));
        if (!found.find()) {
            return "this value";
        }
        return found.group(2) != null ? "'" + found.group(2) + "'" : FOUND_WORDS.getOrDefault(found.group(1), "this value");
    }

    private static String expected(Class<?> type) {
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a text (one value; quote it if it has : or #)";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list, e.g. [a, b]";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "a mapping of names to entries (name: {...})";
        }
        return "a mapping of keys to values ({key: value, ...})";
    }

    /** Which entry a key sits in, by its path: the DN file's sections, an application, a DN. */
    private static String entryName(List<String> parent) {
        if (parent.isEmpty()) {
            return "the DN file";
        }
        return switch (parent.get(0)) {
            case "applications" -> "an application";
            case "dns" -> "a DN";
            default -> "this entry";
        };
    }

    private static String keys(Collection<Object> known) {
        return known.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static String firstLine(String message) {
        String text = message == null ? "" : message.strip();
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end).strip();
    }
}
