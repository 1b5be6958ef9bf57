package org.recgate.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.recgate.tlib.model.ErrorCode;
import org.recgate.tlib.model.TlibException;

/**
 * The JSON body of a recording request (docs/api.md): {@code dn}, and the AttrExtensions of
 * {@code RequestPrivateService} ({@code record}, {@code id}, {@code dest}, {@code dest2},
 * {@code params}) as T-Library takes them. Anything else, or a value of the wrong type, is a 400
 * naming it; the values themselves are judged by recording control, as for T-Library.
 */
record ApiBody(String dn, Map<String, Object> extensions) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> EXTENSIONS = Set.of("record", "id", "dest", "dest2", "params");

    /** An empty or absent body is no fields. */
    static ApiBody parse(String body) {
        if (body == null || body.isBlank()) {
            return new ApiBody(null, Map.of());
        }
        Object parsed;
        try {
            parsed = JSON.readValue(body, Object.class);
        } catch (JsonProcessingException e) {
            throw invalid("the body is not JSON (" + e.getOriginalMessage() + ")");
        }
        if (!(parsed instanceof Map<?, ?> fields)) {
            throw invalid("the body must be a JSON object: {\"dn\": \"1001\", \"id\": \"rec-1\", ...}");
        }
        String dn = null;
        Map<String, Object> extensions = new LinkedHashMap<>();
        for (Map.Entry<?, ?> field : fields.entrySet()) {
            String key = String.valueOf(field.getKey());
            Object value = field.getValue();
            if ("dn".equals(key)) {
                dn = text(key, value);
            } else if ("params".equals(key)) {
                extensions.put(key, value instanceof Map<?, ?> map ? params(map) : text(key, value));
            } else if (EXTENSIONS.contains(key)) {
                extensions.put(key, text(key, value));
            } else {
                throw invalid("unknown field '" + key + "': the body takes dn, record, id, dest, dest2 and params");
            }
        }
        return new ApiBody(dn, extensions);
    }

    /** The body with {@code id} set (from the path); the path's id wins over the body's. */
    ApiBody withId(String id) {
        Map<String, Object> with = new LinkedHashMap<>(extensions);
        with.put("id", id);
        return new ApiBody(dn, with);
    }

    private static Map<String, Object> params(Map<?, ?> map) {
        Map<String, Object> params = new LinkedHashMap<>();
        map.forEach((key, value) -> params.put(String.valueOf(key), text("params." + key, value)));
        return params;
    }

    private static String text(String key, Object value) {
        if (!(value instanceof String text)) {
            throw invalid(key + " must be a string");
        }
        return text;
    }

    private static TlibException invalid(String message) {
        return new TlibException(ErrorCode.INVALID_ATTRIBUTE, message);
    }
}
