package org.recgate.tlib.model;

import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One T-Library message: its name and its attributes, in wire order.
 * <p>
 * Attribute values are {@code String}, {@code Long}, {@link Binary}, a KV list
 * ({@code Map<String, Object>} of the same), or an embedded message ({@code AttrEvent}).
 * Build a message, then hand it over: a message is not changed after it has been written to a
 * client (the same event object may go to several clients).
 */
public final class TlibMessage implements InboundFrame {

    private static final Clock CLOCK = Clock.systemUTC();

    private final String name;
    private final Map<String, Object> attributes = new LinkedHashMap<>();
    private final Instant time;

    private TlibMessage(String name, Instant time) {
        this.name = Objects.requireNonNull(name, "name");
        this.time = time;
    }

    /** A new message stamped with the current time (the event time clients see). */
    public static TlibMessage of(String name) {
        return new TlibMessage(name, CLOCK.instant());
    }

    public TlibMessage with(String attribute, Object value) {
        if (value != null) {
            attributes.put(attribute, value instanceof Integer i ? Long.valueOf(i) : value);
        }
        return this;
    }

    public String name() {
        return name;
    }

    public Instant time() {
        return time;
    }

    public Map<String, Object> attributes() {
        return Collections.unmodifiableMap(attributes);
    }

    public boolean has(String attribute) {
        return attributes.containsKey(attribute);
    }

    public Object get(String attribute) {
        return attributes.get(attribute);
    }

    public String string(String attribute) {
        Object value = attributes.get(attribute);
        return value == null ? null : value.toString();
    }

    public Long number(String attribute) {
        return attributes.get(attribute) instanceof Long l ? l : null;
    }

    /** The attribute as a KV list; empty when absent. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> kvList(String attribute) {
        return attributes.get(attribute) instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    public Long referenceId() {
        return number(Attr.REFERENCE_ID);
    }

    /** The attribute's value, or {@code EventError} 53 naming it when the request lacks it. */
    public String require(String attribute) {
        String value = string(attribute);
        if (value == null) {
            throw new TlibException(ErrorCode.INVALID_ATTRIBUTE, name + " needs " + attribute);
        }
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TlibMessage message && name.equals(message.name) && attributes.equals(message.attributes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, attributes);
    }

    @Override
    public String toString() {
        return name + attributes;
    }
}
