package org.recgate.tlib.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The wire type of a known attribute (docs/protocol.md, Framing): checks one JSON value and
 * turns it into the model's value, or says in plain words what the attribute must be.
 */
enum AttributeType {
    /** A positive 32-bit integer chosen by the client. */
    REFERENCE_ID("must be a positive integer (1 to 2147483647)") {
        @Override
        Object convert(JsonNode node) {
            return node.isIntegralNumber() && node.canConvertToInt() && node.intValue() > 0 ? node.longValue() : null;
        }
    },
    INTEGER("must be an integer") {
        @Override
        Object convert(JsonNode node) {
            return node.isIntegralNumber() && node.canConvertToLong() ? node.longValue() : null;
        }
    },
    STRING("must be a string") {
        @Override
        Object convert(JsonNode node) {
            return node.isTextual() ? node.textValue() : null;
        }
    },
    DN("must be 1 to 64 characters of A-Z a-z 0-9 _ . @ + * # -") {
        private final Pattern dn = Pattern.compile("[A-Za-z0-9_.@+*#-]{1,64}");

        @Override
        Object convert(JsonNode node) {
            return node.isTextual() && dn.matcher(node.textValue()).matches() ? node.textValue() : null;
        }
    },
    CONNECTION_ID("must be 16 hexadecimal digits") {
        private final Pattern hex16 = Pattern.compile("[0-9A-Fa-f]{16}");

        @Override
        Object convert(JsonNode node) {
            return node.isTextual() && hex16.matcher(node.textValue()).matches()
                    ? node.textValue().toLowerCase(Locale.ROOT) : null;
        }
    },
    /** A name such as GSIP_RECORD_START, or its number (3013). */
    STRING_OR_INTEGER("must be a string or an integer") {
        @Override
        Object convert(JsonNode node) {
            Object number = INTEGER.convert(node);
            return number != null ? number : STRING.convert(node);
        }
    },
    /** Values are checked by {@link KvListReader}; this only says it must be an object. */
    KV_LIST("must be a KV list (a JSON object)") {
        @Override
        Object convert(JsonNode node) {
            return node.isObject() ? node : null;
        }
    },
    /** An embedded event ({@code AttrEvent}); parsed as a message of its own. */
    EVENT("must be an event object with a \"message\"") {
        @Override
        Object convert(JsonNode node) {
            return node.isObject() && node.path("message").isTextual() ? node : null;
        }
    };

    private final String requirement;

    AttributeType(String requirement) {
        this.requirement = requirement;
    }

    /** The model value, or {@code null} when the JSON value does not have this type. */
    abstract Object convert(JsonNode node);

    String requirement() {
        return requirement;
    }
}
