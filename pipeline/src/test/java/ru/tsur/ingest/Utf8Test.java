package ru.tsur.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8Test {

    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) out[i] = (byte) b[i];
        return out;
    }

    @Test
    void acceptsRealText() {
        assertTrue(Utf8.isValid("Ямы на Ленина 😡 ёлки €".getBytes(StandardCharsets.UTF_8)));
        assertTrue(Utf8.isValid(new byte[0]));
    }

    @Test
    void rejectsWhatJsonParsersLetThrough() {
        assertFalse(Utf8.isValid(bytes(0xC0, 0xAF)), "overlong '/'");
        assertFalse(Utf8.isValid(bytes(0xE0, 0x80, 0xAF)), "overlong 3-byte");
        assertFalse(Utf8.isValid(bytes(0xED, 0xA0, 0x80)), "encoded surrogate");
        assertFalse(Utf8.isValid(bytes(0xF4, 0x90, 0x80, 0x80)), "above U+10FFFF");
        assertFalse(Utf8.isValid(bytes(0xD0)), "truncated");
        assertFalse(Utf8.isValid(bytes(0x80)), "lone continuation");
        assertFalse(Utf8.isValid(bytes(0xFF)), "never valid");
    }

    @Test
    void agreesWithTheJdkStrictDecoderOnRandomBytes() {
        Random rnd = new Random(5);
        var decoder = StandardCharsets.UTF_8.newDecoder();
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[rnd.nextInt(12)];
            rnd.nextBytes(b);
            boolean jdk;
            try {
                decoder.reset().decode(java.nio.ByteBuffer.wrap(b));
                jdk = true;
            } catch (java.nio.charset.CharacterCodingException e) {
                jdk = false;
            }
            assertEquals(jdk, Utf8.isValid(b), java.util.HexFormat.of().formatHex(b));
        }
    }

    @Test
    void theParserSendsInvalidUtf8InsideAStringToTheDeadLetters() {
        byte[] head = "{\"id\":\"vk:1\",\"source\":\"vk\",\"published_at\":\"2026-03-02T09:15:00Z\",\"text\":\"a".getBytes(StandardCharsets.UTF_8);
        byte[] rec = new byte[head.length + 4];
        System.arraycopy(head, 0, rec, 0, head.length);
        rec[head.length] = (byte) 0xC0;
        rec[head.length + 1] = (byte) 0xAF;
        rec[head.length + 2] = '"';
        rec[head.length + 3] = '}';
        var r = new PostParser().parse(rec);
        assertEquals(RejectReason.INVALID_ENCODING, ((ParseResult.Rejected<RawPost>) r).reason());
    }
}
