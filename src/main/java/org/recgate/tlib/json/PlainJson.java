package org.recgate.tlib.json;

import java.util.LinkedHashMap;
import java.util.Map;
import org.recgate.tlib.model.Binary;

/** KV lists as plain JSON values for Kafka records and MESSAGE bodies: binary values become {"$binary": base64}, as on the wire. */
public final class PlainJson {

    private PlainJson() {
    }

    public static Map<String, Object> plain(Map<String, Object> kvList) {
        Map<String, Object> plain = new LinkedHashMap<>();
        kvList.forEach((key, value) -> plain.put(key, plainValue(value)));
        return plain;
    }

    @SuppressWarnings("unchecked")
    private static Object plainValue(Object value) {
        if (value instanceof Binary binary) {
            return Map.of(Binary.WIRE_KEY, binary.base64());
        }
        if (value instanceof Map<?, ?> map) {
            return plain((Map<String, Object>) map);
        }
        return value;
    }
}
