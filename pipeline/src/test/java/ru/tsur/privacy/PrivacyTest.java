package ru.tsur.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PrivacyTest {

    @Test
    void masksRussianPhoneNumbersInTheUsualWritings() {
        for (String phone : new String[] {"+7 (999) 123-45-67", "8-999-123-45-67", "89991234567", "+79991234567",
                "8 (4712) 51-23-45", "7 999 123 45 67"}) {
            String masked = PiiMasker.mask("звоните " + phone + " вечером");
            assertEquals("звоните [телефон] вечером", masked, phone);
        }
    }

    @Test
    void masksEmailsAndLeavesOrdinaryNumbersAlone() {
        assertEquals("пишите [email] срочно", PiiMasker.mask("пишите ivan.petrov@mail.ru срочно"));
        String plain = "дом 12, кв. 45, 2026 год, автобус 101, сумма 15000 рублей";
        assertEquals(plain, PiiMasker.mask(plain));
    }

    @Test
    void pseudonymsAreStableUnderOneKeyAndDifferUnderAnother() {
        Pseudonymizer a = Pseudonymizer.ofSecret("key-number-one-0123456789");
        Pseudonymizer b = Pseudonymizer.ofSecret("key-number-two-0123456789");
        String p = a.pseudonym("vk:id789");
        assertEquals(p, a.pseudonym("vk:id789"));
        assertNotEquals(p, a.pseudonym("vk:id790"));
        assertNotEquals(p, b.pseudonym("vk:id789"));
        assertEquals(32, p.length());
        assertFalse(p.contains("789"));
        assertNull(a.pseudonym(null));
    }

    @Test
    void shortKeysAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Pseudonymizer.ofSecret("short"));
        assertTrue(Pseudonymizer.ofSecret("x".repeat(16)).pseudonym("a").matches("[0-9a-f]{32}"));
    }
}
