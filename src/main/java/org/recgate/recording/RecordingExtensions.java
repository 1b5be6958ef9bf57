package org.recgate.recording;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.recgate.tlib.model.ErrorCode;
import org.recgate.tlib.model.TlibException;

/**
 * The AttrExtensions of a recording request (docs/protocol.md, RequestPrivateService): keys
 * matched case-insensitively; {@code record}, {@code id}, {@code dest}, {@code dest2},
 * {@code params}. Bad values are {@code EventError} 53 naming the key.
 */
public record RecordingExtensions(Side side, boolean sideGiven, String id, String dest, String dest2,
                                  Map<String, Object> params, boolean paramsGiven) {

    /** No extensions: what a full-time recording starts with. */
    public static final RecordingExtensions NONE = new RecordingExtensions(Side.SOURCE, false, null, null, null, Map.of(), false);

    /** Recording ids: printable, no spaces, at most 128 characters (they go into SIP and file names). */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.@+:=#-]{1,128}");

    public static RecordingExtensions parse(Map<String, Object> extensions) {
        Map<String, Object> byKey = new LinkedHashMap<>();
        extensions.forEach((key, value) -> byKey.put(key.toLowerCase(Locale.ROOT), value));
        String record = string(byKey, "record");
        String id = string(byKey, "id");
        if (id != null && !ID.matcher(id).matches()) {
            throw invalid("id '" + id + "' must be 1 to 128 characters of A-Z a-z 0-9 _ . @ + : = # -");
        }
        Object params = byKey.get("params");
        return new RecordingExtensions(side(record), record != null, id, string(byKey, "dest"), string(byKey, "dest2"),
                params(params), params != null);
    }

    /** The same without the id (one is generated). */
    public RecordingExtensions withoutId() {
        return new RecordingExtensions(side, sideGiven, null, dest, dest2, params, paramsGiven);
    }

    private static Side side(String record) {
        if (record == null) {
            return Side.SOURCE;
        }
        return switch (record.toLowerCase(Locale.ROOT)) {
            case "source" -> Side.SOURCE;
            case "destination" -> Side.DESTINATION;
            default -> throw invalid("record '" + record + "' must be source or destination");
        };
    }

    private static String string(Map<String, Object> extensions, String key) {
        Object value = extensions.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text) || text.isBlank()) {
            throw invalid(key + " must be a non-empty string");
        }
        return text.trim();
    }

    /** A nested KV list, or {@code k1=v1&k2=v2} (URL-encoded). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> params(Object params) {
        if (params == null) {
            return Map.of();
        }
        if (params instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        if (!(params instanceof String text)) {
            throw invalid("params must be a KV list or a string k1=v1&k2=v2");
        }
        Map<String, Object> pairs = new LinkedHashMap<>();
        for (String pair : text.split("&")) {
            int equals = pair.indexOf('=');
            if (equals < 1) {
                throw invalid("params '" + text + "' must be name=value pairs joined by & (URL-encoded)");
            }
            pairs.put(decode(pair.substring(0, equals), text), decode(pair.substring(equals + 1), text));
        }
        return pairs;
    }

    private static String decode(String part, String whole) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("params '" + whole + "' is not URL-encoded correctly");
        }
    }

    private static TlibException invalid(String message) {
        return new TlibException(ErrorCode.INVALID_ATTRIBUTE, "AttrExtensions: " + message);
    }
}
