package org.recgate.tlib.model;

import java.util.Arrays;
import java.util.Base64;

/** A binary KV-list value; on the wire {@code {"$binary": "<base64>"}}. */
public record Binary(byte[] bytes) {

    public static final String WIRE_KEY = "$binary";

    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Binary binary && Arrays.equals(bytes, binary.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Binary[" + base64() + "]";
    }
}
