package org.recgate.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * An application's {@code password} in the DN file: none, plain text, or a PBKDF2 hash
 * ({@link PasswordHash}). Only the hash is accepted on a listener other addresses can reach
 * ({@link CredentialPolicy}; docs/security.md, "Credentials").
 */
public record Secret(Kind kind, String stored, PasswordHash hash) {

    /** What the DN file holds. */
    public enum Kind {
        NONE("no password"), PLAIN("a plain-text password"), HASHED("a hashed password");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    private static final Secret NONE = new Secret(Kind.NONE, null, null);

    /** The DN file's value; a damaged hash is refused with the reason (IllegalArgumentException). */
    public static Secret of(String stored) {
        if (stored == null || stored.isEmpty()) {
            return NONE;
        }
        if (PasswordHash.isHashed(stored)) {
            return new Secret(Kind.HASHED, stored, PasswordHash.parse(stored));
        }
        return new Secret(Kind.PLAIN, stored, null);
    }

    /** No secret accepts any password (only allowed on loopback); the others compare in constant time. */
    public boolean accepts(String given) {
        return switch (kind) {
            case NONE -> true;
            case PLAIN -> given != null && MessageDigest.isEqual(
                    stored.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
            case HASHED -> hash.matches(given);
        };
    }

    /** The same secret as the DN file writes it (a reload that changes it closes the application's sessions). */
    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && kind == secret.kind && Objects.equals(stored, secret.stored);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, stored);
    }

    @Override
    public String toString() {
        return kind.words(); // never the value
    }
}
