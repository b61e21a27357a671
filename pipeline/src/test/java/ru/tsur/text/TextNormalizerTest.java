package ru.tsur.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {

    @Test
    void stripsTagsUnescapesEntitiesAndCollapsesWhitespace() {
        assertEquals("Ямы на «Ленина» — опять! Фото ниже",
                TextNormalizer.normalize("<p>Ямы на &laquo;Ленина&raquo; &mdash; опять!</p><br/>\n\n  Фото&nbsp;ниже "));
    }

    @Test
    void doubleEscapedEntitiesAndEscapedTagsAreUndone() {
        assertEquals("\"Управляйка\" не отвечает", TextNormalizer.normalize("&amp;quot;Управляйка&amp;quot; не отвечает"));
        assertEquals("строка1 строка2", TextNormalizer.normalize("строка1&lt;br&gt;строка2"));
    }

    @Test
    void keepsALoneLessThanSignAndUnknownEntities() {
        assertEquals("температура < 15 градусов & &foo; tail",
                TextNormalizer.normalize("температура < 15 градусов & &foo; tail"));
    }

    @Test
    void decodesNumericEntitiesAndDropsInvisibleCharacters() {
        assertEquals("Ёлки 👍 тут", TextNormalizer.normalize("&#1025;лки &#x1F44D;\u200B\uFEFF тут\u00AD"));
    }

    @Test
    void emptyAndBlankBecomeEmpty() {
        assertEquals("", TextNormalizer.normalize(null));
        assertEquals("", TextNormalizer.normalize(" \n\t "));
    }
}
