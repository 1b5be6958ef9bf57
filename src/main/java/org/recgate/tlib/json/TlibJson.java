package org.recgate.tlib.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.recgate.tlib.model.Attr;
import org.recgate.tlib.model.Binary;
import org.recgate.tlib.model.FrameError;
import org.recgate.tlib.model.InboundFrame;
import org.recgate.tlib.model.TlibMessage;

/**
 * JSON ⇄ {@link TlibMessage}, one object per line (docs/protocol.md, Framing). No Netty here: the
 * channel handlers frame the bytes, this class gives them meaning.
 */
public final class TlibJson {

    /** Deep enough for any KV list a client has reason to send; bounds the work on hostile input. */
    static final int MAX_NESTING_DEPTH = 32;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private TlibJson() {
    }

    /** Reads one line (without its line end): a message, or the reason it is not one. */
    public static InboundFrame read(byte[] line) {
        JsonNode root;
        try {
            root = MAPPER.readTree(line);
        } catch (IOException e) {
            return FrameError.of("the line is not valid JSON (" + shortReason(e) + "): send one JSON object per line");
        }
        if (root == null || !root.isObject()) {
            return FrameError.of("the line is JSON but not an object: send {\"message\": \"<Name>\", ...}");
        }
        Long referenceId = (Long) AttributeType.REFERENCE_ID.convert(root.path(Attr.REFERENCE_ID));
        try {
            return readMessage(root);
        } catch (InvalidAttributeException e) {
            return new FrameError(e.getMessage(), referenceId);
        }
    }

    private static TlibMessage readMessage(JsonNode object) {
        JsonNode name = object.get(Attr.MESSAGE);
        if (name == null || !name.isTextual() || name.textValue().isBlank()) {
            throw new InvalidAttributeException("the object has no \"message\" string: name the message, e.g. \"message\": \"RequestRegisterClient\"");
        }
        TlibMessage message = TlibMessage.of(name.textValue());
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            AttributeType type = AttributeRules.typeOf(field.getKey());
            if (type != null) {
                message.with(field.getKey(), readAttribute(field.getKey(), type, field.getValue()));
            }
        }
        return message;
    }

    private static Object readAttribute(String attribute, AttributeType type, JsonNode node) {
        Object value = type.convert(node);
        if (value == null) {
            throw new InvalidAttributeException(attribute + " " + type.requirement() + ", not " + abbreviate(node));
        }
        return switch (type) {
            case KV_LIST -> readKvList(attribute, (JsonNode) value);
            case EVENT -> readMessage((JsonNode) value);
            default -> value;
        };
    }

    private static Map<String, Object> readKvList(String attribute, JsonNode object) {
        Map<String, Object> list = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> pair = it.next();
            list.put(pair.getKey(), readKvValue(attribute + "." + pair.getKey(), pair.getValue()));
        }
        return list;
    }

    private static Object readKvValue(String path, JsonNode node) {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isObject() && node.size() == 1 && node.has(Binary.WIRE_KEY)) {
            return readBinary(path, node.get(Binary.WIRE_KEY));
        }
        if (node.isObject()) {
            return readKvList(path, node);
        }
        throw new InvalidAttributeException(path + " must be a string, an integer or a KV list, not " + abbreviate(node));
    }

    private static Binary readBinary(String path, JsonNode node) {
        try {
            if (node.isTextual()) {
                return new Binary(Base64.getDecoder().decode(node.textValue()));
            }
        } catch (IllegalArgumentException e) {
            // fall through to the error below
        }
        throw new InvalidAttributeException(path + " {\"$binary\": ...} must hold base64 text");
    }

    /** Writes the message as one JSON object (no line end), with the given attributes appended. */
    public static void write(TlibMessage message, Map<String, Object> stamps, OutputStream out) throws IOException {
        try (JsonGenerator json = MAPPER.getFactory().createGenerator(out)) {
            writeMessage(json, message, stamps);
        }
    }

    /** The message as a JSON string, for logs, the CLI and tests. */
    public static String toJson(TlibMessage message) {
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            write(message, Map.of(), out);
            return out.toString(java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + message.name(), e);
        }
    }

    private static void writeMessage(JsonGenerator json, TlibMessage message, Map<String, Object> stamps) throws IOException {
        json.writeStartObject();
        json.writeStringField(Attr.MESSAGE, message.name());
        for (Map.Entry<String, Object> attribute : message.attributes().entrySet()) {
            json.writeFieldName(attribute.getKey());
            writeValue(json, attribute.getValue());
        }
        for (Map.Entry<String, Object> stamp : stamps.entrySet()) {
            json.writeFieldName(stamp.getKey());
            writeValue(json, stamp.getValue());
        }
        json.writeEndObject();
    }

    private static void writeValue(JsonGenerator json, Object value) throws IOException {
        if (value instanceof String s) {
            json.writeString(s);
        } else if (value instanceof Long || value instanceof Integer) {
            json.writeNumber(((Number) value).longValue());
        } else if (value instanceof Binary binary) {
            json.writeStartObject();
            json.writeStringField(Binary.WIRE_KEY, binary.base64());
            json.writeEndObject();
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> pair : map.entrySet()) {
                json.writeFieldName(String.valueOf(pair.getKey()));
                writeValue(json, pair.getValue());
            }
            json.writeEndObject();
        } else if (value instanceof TlibMessage event) {
            writeMessage(json, event, Map.of());
        } else {
            // The model allows nothing else; a gateway bug must not put arbitrary objects on the wire.
            throw new IllegalArgumentException("not a T-Library value: " + value.getClass().getName());
        }
    }

    private static String shortReason(IOException e) {
        String text = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        text = text == null ? e.getClass().getSimpleName() : text.replaceAll("\\s+", " ");
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    /** Thrown inside the reader only; leaves it as a {@link FrameError}. */
    private static final class InvalidAttributeException extends RuntimeException {
        InvalidAttributeException(String message) {
            super(message, null, false, false);
        }
    }
}
