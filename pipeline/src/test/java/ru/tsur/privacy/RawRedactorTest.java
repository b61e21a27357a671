package ru.tsur.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RawRedactorTest {
    private final Pseudonymizer key = Pseudonymizer.ofSecret("raw-redactor-test-key-0123");
    private final RawRedactor redactor = new RawRedactor(key);

    private String redact(String s) {
        return new String(redactor.redact(s.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    @Test
    void aRejectedComplaintLosesItsAuthorPhoneAndEmailButKeepsTheRest() {
        // rejected for its timestamp, otherwise a whole complaint
        String raw = "{\"id\":\"vk_1\",\"author\":\"id123456\",\"published_at\":\"2100-01-01T00:00:00+03:00\","
                + "\"text\":\"ЯМА на Ленина!!! звоните 8 (999) 123-45-67 или пишите ivanov@mail.ru\"}";
        String out = redact(raw);
        assertFalse(out.contains("id123456"), out);
        assertFalse(out.contains("123-45-67"), out);
        assertFalse(out.contains("ivanov@mail.ru"), out);
        assertTrue(out.contains("\"author\":\"" + key.pseudonym("id123456") + "\""), "same pseudonym as posts: " + out);
        assertTrue(out.contains("ЯМА на Ленина!!!") && out.contains("2100-01-01"), out);
    }

    @Test
    void brokenJsonNumericAuthorsEscapesAndNonUtf8AreHandled() {
        String out = redact("{\"author\": 98765, \"text\": \"обрыв");
        assertEquals("{\"author\": \"" + key.pseudonym("98765") + "\", \"text\": \"обрыв", out);
        out = redact("{\"author\":\"Иван \\\"Грозный\\\"\",\"text\":1}");
        assertFalse(out.contains("Грозный"), out);
        byte[] garbage = {(byte) 0xC0, (byte) 0xAF, 'a', (byte) 0xFF};
        assertEquals("\uFFFD\uFFFDa\uFFFD", new String(redactor.redact(garbage), StandardCharsets.UTF_8));
    }
}
