package org.recgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The DN file's hashed secrets: PBKDF2-HMAC-SHA256, salted, self-describing, damaged ones refused. */
class PasswordHashTest {

    @Test
    void aHashMatchesItsPasswordOnly() {
        String stored = PasswordHash.hash("s3cret".toCharArray());
        assertTrue(stored.startsWith("{pbkdf2-sha256}210000$"), stored);
        PasswordHash hash = PasswordHash.parse(stored);
        assertTrue(hash.matches("s3cret"));
        assertTrue(hash.matches("s3cret"), "again (remembered)");
        assertFalse(hash.matches("S3cret"));
        assertFalse(hash.matches(""));
        assertFalse(hash.matches(null));
        assertNotEquals(stored, PasswordHash.hash("s3cret".toCharArray()), "a fresh salt each time");
    }

    @Test
    void aHashMadeElsewhereWithTheSameParametersIsRead() throws Exception {
        // the same derivation as any PBKDF2-HMAC-SHA256 tool: salt "saltsaltsaltsalt", 210000 iterations, 32 bytes
        byte[] salt = "saltsaltsaltsalt".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] derived = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new javax.crypto.spec.PBEKeySpec("pw".toCharArray(), salt, 210_000, 256)).getEncoded();
        String stored = "{pbkdf2-sha256}210000$" + Base64.getEncoder().encodeToString(salt) + "$"
                + Base64.getEncoder().encodeToString(derived);
        assertTrue(PasswordHash.parse(stored).matches("pw"), "padded base64 is read too");
    }

    @Test
    void damagedOrWeakFormsAreRefused() {
        String good = PasswordHash.hash("x".toCharArray());
        String[] parts = good.substring(PasswordHash.PREFIX.length()).split("\\$");
        assertTrue(message("{pbkdf2-sha256}" + parts[0] + "$" + parts[1]).contains("<iterations>$<salt base64>$<hash base64>"));
        assertTrue(message("{pbkdf2-sha256}1000$" + parts[1] + "$" + parts[2]).contains("at least 210000"));
        assertTrue(message("{pbkdf2-sha256}many$" + parts[1] + "$" + parts[2]).contains("damaged"));
        assertTrue(message("{pbkdf2-sha256}210000$!!$" + parts[2]).contains("damaged"));
        assertTrue(message("{pbkdf2-sha256}210000$c2FsdA$" + parts[2]).contains("salt of at least 16"));
    }

    private static String message(String stored) {
        return assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse(stored)).getMessage();
    }

    @Test
    void secretsOfTheThreeKinds() {
        assertEquals(Secret.Kind.NONE, Secret.of(null).kind());
        assertTrue(Secret.of(null).accepts("anything"));
        Secret plain = Secret.of("pw");
        assertEquals(Secret.Kind.PLAIN, plain.kind());
        assertTrue(plain.accepts("pw"));
        assertFalse(plain.accepts("pw "));
        assertFalse(plain.accepts(null));
        Secret hashed = Secret.of(PasswordHash.hash("pw".toCharArray()));
        assertEquals(Secret.Kind.HASHED, hashed.kind());
        assertTrue(hashed.accepts("pw"));
        assertFalse(hashed.accepts(null));
        assertEquals("a plain-text password", plain.toString(), "never the value");
    }
}
