package ru.tsur.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonym of an author id: HMAC-SHA256 under a secret key, first 128 bits in hex. The same author maps to the
 * same pseudonym while the key stays, so analysts can count repeat authors without learning who they are; without the
 * key the pseudonym cannot be reversed or recomputed from a guessed id. Not thread-safe (holds a Mac): one per task.
 */
public final class Pseudonymizer {

    private static final int MIN_KEY_BYTES = 16;
    private final Mac mac;

    public Pseudonymizer(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("pseudonymization key must have at least " + MIN_KEY_BYTES + " bytes");
        }
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    public static Pseudonymizer ofSecret(String secret) {
        return new Pseudonymizer(secret == null ? null : secret.getBytes(StandardCharsets.UTF_8));
    }

    public String pseudonym(String authorId) {
        if (authorId == null) {
            return null;
        }
        byte[] digest = mac.doFinal(authorId.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 16);
    }
}
