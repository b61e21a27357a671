package ru.tsur.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CopyTextTest {

    @Test
    void copiesOfOneComplaintShareTheCanonicalForm() {
        String original = "Третий день нет горячей воды в доме на Ленина 15. Сколько можно?";
        String expected = "третий день нет горячей воды в доме на ленина 15 сколько можно";
        assertEquals(expected, CopyText.canonical(original));
        assertEquals(expected, CopyText.canonical("Репост: " + original + " #ЖКХ #помогите 😡😡"));
        assertEquals(expected, CopyText.canonical("Репост из группы «Подслушано Бердск»: " + original));
        assertEquals(expected, CopyText.canonical("<p>ТРЕТИЙ ДЕНЬ НЕТ ГОРЯЧЕЙ ВОДЫ В ДОМЕ НА ЛЕНИНА 15.<br>СКОЛЬКО"
                + "&nbsp;МОЖНО?</p>"));
        assertEquals(expected, CopyText.canonical(original + " https://vk.com/wall-1_2 Подробнее: t.me/x/1"));
        assertEquals(expected, CopyText.canonical("Переслано от Жители Южного: " + original.replace('е', 'ё')));
        assertEquals(expected, CopyText.canonical("@berdsk_admin " + original + " … Читать полностью"));
    }

    @Test
    void keepsNumbersAndVkMentionNames() {
        assertEquals("ленина 15 кв 48", CopyText.canonical("Ленина, 15, кв. 48"));
        assertEquals("администрация города ответьте", CopyText.canonical("[club123|Администрация города], ответьте!"));
        assertEquals("", CopyText.canonical("👍👍 #тег"));
        assertEquals("", CopyText.canonical(null));
    }

    @Test
    void repostWordInsideTheTextStays() {
        assertEquals("сделайте репост пожалуйста", CopyText.canonical("Сделайте репост, пожалуйста"));
    }
}
