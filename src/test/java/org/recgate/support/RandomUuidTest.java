package org.recgate.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RandomUuidTest {

    @Test
    void isAVersion4IetfVariantUuid() {
        UUID uuid = RandomUuid.next();
        assertEquals(4, uuid.version());
        assertEquals(2, uuid.variant());
        assertEquals(uuid, UUID.fromString(uuid.toString()));
    }

    @Test
    void doesNotRepeat() {
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            seen.add(RandomUuid.next());
        }
        assertEquals(100_000, seen.size());
    }
}
