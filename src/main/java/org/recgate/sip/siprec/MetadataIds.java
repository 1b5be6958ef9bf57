package org.recgate.sip.siprec;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.recgate.support.RandomUuid;

/**
 * The ids of one recording session's metadata objects (session, participants, streams): RFC 7865
 * §6.10 wants a UUID's 16 bytes in base64, built from no personal data, so each is a random
 * (version 4) UUID. An object keeps its id for the session's life, so updates and snapshots
 * name the same participant the same way, also in the process that takes the session over
 * ({@link #asMap()}, {@link #of(Map)}).
 */
final class MetadataIds {

    private final Map<String, String> ids = new ConcurrentHashMap<>();

    /** No ids yet: each is made on first use. */
    MetadataIds() {
    }

    /** The ids of a session another process started ({@link #asMap()} of its ids); made on first use for new objects. */
    static MetadataIds of(Map<?, ?> known) {
        MetadataIds restored = new MetadataIds();
        known.forEach((object, id) -> {
            if (!(object instanceof String name) || !(id instanceof String value) || !isId(value)) {
                throw new IllegalArgumentException("not a metadata id: " + object + "=" + id
                        + " (a UUID's 16 bytes in base64, RFC 7865 §6.10)");
            }
            restored.ids.put(name, value);
        });
        return restored;
    }

    /** The ids made so far, by object, in a stable order. */
    Map<String, String> asMap() {
        return new TreeMap<>(ids);
    }

    /** The id of the named object ({@code "session"}, {@code "participant:1001"}, ...), made on first use. */
    String of(String object) {
        return ids.computeIfAbsent(object, ignored -> newId());
    }

    private static boolean isId(String value) {
        try {
            return Base64.getDecoder().decode(value).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String newId() {
        UUID uuid = RandomUuid.next();
        byte[] bytes = ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits())
                .array();
        return Base64.getEncoder().encodeToString(bytes);
    }
}
