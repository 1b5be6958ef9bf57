package org.recgate.sip.siprec;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.recgate.support.RandomUuid;

/**
 * The ids of one recording session's metadata objects (session, participants, streams): RFC 7865
 * §6.10 wants a UUID's 16 bytes in base64, built from no personal data, so each is a random
 * (version 4) UUID. An object keeps its id for the session's life, so updates and snapshots
 * name the same participant the same way.
 */
final class MetadataIds {

    private final Map<String, String> ids = new ConcurrentHashMap<>();

    /** The id of the named object ({@code "session"}, {@code "participant:1001"}, ...), made on first use. */
    String of(String object) {
        return ids.computeIfAbsent(object, ignored -> newId());
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
