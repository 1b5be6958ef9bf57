package org.recgate.support;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random (version 4, RFC 9562 §5.4) UUIDs for ids that must be unique but need not be secret:
 * recording ids, Kafka event ids, SIPREC metadata object ids. {@link UUID#randomUUID()} draws
 * every one from one shared {@code SecureRandom}, which the request threads then queue on; these
 * ids are never used as credentials, so each thread's own generator is enough.
 */
public final class RandomUuid {

    private static final long VERSION_MASK = 0xffffffffffff0fffL;
    private static final long VERSION_4 = 0x0000000000004000L;
    private static final long VARIANT_MASK = 0x3fffffffffffffffL;
    private static final long VARIANT_IETF = 0x8000000000000000L;

    private RandomUuid() {
    }

    public static UUID next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & VERSION_MASK) | VERSION_4;
        long least = (random.nextLong() & VARIANT_MASK) | VARIANT_IETF;
        return new UUID(most, least);
    }
}
