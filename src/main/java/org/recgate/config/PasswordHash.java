package org.recgate.config;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * An application secret as the DN file stores it: PBKDF2 with HMAC-SHA256 (RFC 8018 §5.2) from the
 * JDK, salted, in the self-describing form {@code {pbkdf2-sha256}<iterations>$<salt>$<hash>} (salt and
 * hash in base64). docs/security.md, "Credentials", says why and how to make one.
 * <p>
 * One check costs tens of milliseconds of CPU, on the I/O thread that serves the client (and others).
 * So that a crowd of desktops logging in again after a restart does not pay it once each, the last
 * password that matched is remembered as an HMAC under a key made at start-up and never stored:
 * the same password again is checked in microseconds; any other one gets the full PBKDF2 check.
 */
public final class PasswordHash {

    public static final String PREFIX = "{pbkdf2-sha256}";
    /** The least the gateway accepts, and what it uses (docs/security.md, "Credentials"). */
    public static final int MIN_ITERATIONS = 210_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] MEMO_KEY = randomKey();

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;
    private final AtomicReference<byte[]> lastMatch = new AtomicReference<>();

    private PasswordHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** Whether a DN file value is in this form (as opposed to a plain-text password). */
    public static boolean isHashed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** The stored form of a new password, with a fresh random salt. */
    public static String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = pbkdf2(password, salt, MIN_ITERATIONS, HASH_BYTES);
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return PREFIX + MIN_ITERATIONS + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
    }

    /** Reads the stored form; the message of the exception says what is wrong with it. */
    public static PasswordHash parse(String stored) {
        if (!isHashed(stored)) {
            throw new IllegalArgumentException("a hashed password starts with " + PREFIX);
        }
        String[] parts = stored.substring(PREFIX.length()).split("\\$", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException(PREFIX + " password must be " + PREFIX
                    + "<iterations>$<salt base64>$<hash base64>: make one with `java -jar recgate.jar hash-password`");
        }
        int iterations;
        byte[] salt;
        byte[] hash;
        try {
            iterations = Integer.parseInt(parts[0]);
            salt = Base64.getDecoder().decode(parts[1]);
            hash = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PREFIX + " password is damaged (" + e.getMessage()
                    + "): make a new one with `java -jar recgate.jar hash-password`");
        }
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException(PREFIX + " password has " + iterations + " iterations; at least "
                    + MIN_ITERATIONS + " are needed: make a new one with `java -jar recgate.jar hash-password`");
        }
        if (salt.length < SALT_BYTES || hash.length < HASH_BYTES) {
            throw new IllegalArgumentException(PREFIX + " password needs a salt of at least " + SALT_BYTES
                    + " bytes and a hash of at least " + HASH_BYTES + ": make a new one with `java -jar recgate.jar hash-password`");
        }
        return new PasswordHash(iterations, salt, hash);
    }

    /** True when {@code given} is the password (compared in constant time). */
    public boolean matches(String given) {
        if (given == null) {
            return false;
        }
        byte[] memo = memo(given);
        byte[] last = lastMatch.get();
        if (last != null && MessageDigest.isEqual(last, memo)) {
            return true;
        }
        char[] password = given.toCharArray();
        try {
            if (MessageDigest.isEqual(hash, pbkdf2(password, salt, iterations, hash.length))) {
                lastMatch.set(memo);
                return true;
            }
            return false;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static byte[] pbkdf2(char[] password, byte[] salt, int iterations, int bytes) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bytes * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    private static byte[] memo(String given) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(MEMO_KEY, "HmacSHA256"));
            return mac.doFinal(given.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
