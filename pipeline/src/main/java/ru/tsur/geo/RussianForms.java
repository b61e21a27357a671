package ru.tsur.geo;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Case forms of Russian place names, enough to recognise «в Курске», «из Москвы», «Нижнем Новгороде», «Орле»,
 * «Петропавловске-Камчатском». Deliberately a table of endings rather than a stemmer: Snowball stems nominatives and
 * oblique cases of names differently (ростов→рост, ростове→ростов), and a wrong stem would match common words.
 */
final class RussianForms {

    private RussianForms() {}

    /** Lower-case, ё→е: the form every token and name is compared in. */
    static String fold(String s) {
        return s.toLowerCase(Locale.ROOT).replace('ё', 'е');
    }

    /** All forms of a (possibly multi-word or hyphenated) name, folded; words are joined by single spaces. */
    static Set<String> forms(String name) {
        List<Set<String>> perWord = new ArrayList<>();
        for (String word : fold(name).trim().split("\\s+")) {
            perWord.add(hyphenatedForms(word));
        }
        Set<String> out = new LinkedHashSet<>();
        combine(perWord, 0, "", out);
        return out;
    }

    private static Set<String> hyphenatedForms(String word) {
        if (word.indexOf('-') < 0) {
            return wordForms(word);
        }
        List<Set<String>> parts = new ArrayList<>();
        for (String part : word.split("-")) {
            // prepositions inside names («Ростов-на-Дону», «Комсомольск-на-Амуре») never decline
            parts.add(part.length() <= 2 || part.equals("дону") || part.equals("амуре") || part.equals("волге")
                    ? Set.of(part)
                    : wordForms(part));
        }
        Set<String> out = new LinkedHashSet<>();
        combineWith(parts, 0, "", "-", out);
        return out;
    }

    private static void combine(List<Set<String>> words, int i, String prefix, Set<String> out) {
        combineWith(words, i, prefix, " ", out);
    }

    private static void combineWith(List<Set<String>> words, int i, String prefix, String sep, Set<String> out) {
        if (i == words.size()) {
            out.add(prefix);
            return;
        }
        for (String f : words.get(i)) {
            combineWith(words, i + 1, i == 0 ? f : prefix + sep + f, sep, out);
        }
    }

    static Set<String> wordForms(String w) {
        Set<String> f = new LinkedHashSet<>();
        f.add(w);
        int n = w.length();
        if (n < 3) {
            return f;
        }
        String stem1 = w.substring(0, n - 1);
        String stem2 = w.substring(0, n - 2);
        if (w.endsWith("ый") || w.endsWith("ой")) {
            add(f, stem2, "ого", "ому", "ым", "ом");
        } else if (w.endsWith("ий")) {
            add(f, stem2, "его", "ему", "им", "ем", "ого", "ому", "ом");
        } else if (w.endsWith("ая")) {
            add(f, stem2, "ой", "ую");
        } else if (w.endsWith("яя")) {
            add(f, stem2, "ей", "юю");
        } else if (w.endsWith("ое") || w.endsWith("ее")) {
            add(f, stem2, "ого", "ому", "ым", "ом", "его", "ему", "ем");
        } else if (w.endsWith("ые") || w.endsWith("ие")) {
            add(f, stem2, "ых", "ым", "ыми", "их", "им", "ими");
        } else if (w.endsWith("ы") || w.endsWith("и")) {
            add(f, stem1, "ах", "ам", "ами", "ов");          // Челны → Челнах, Шахты → Шахтах
        } else if (w.endsWith("а")) {
            char before = stem1.charAt(stem1.length() - 1);
            add(f, stem1, "кгхжшчщ".indexOf(before) >= 0 ? "и" : "ы", "е", "у", "ой", "ою");
        } else if (w.endsWith("я")) {
            add(f, stem1, "и", "е", "ю", "ей");
        } else if (w.endsWith("ь")) {
            add(f, stem1, "и", "ью", "я", "е", "ю", "ем");   // Пермь (f.) and Ярославль (m.)
        } else if (w.endsWith("о") || w.endsWith("е")) {
            add(f, stem1, "е", "а", "у", "ом");               // Иваново → в Иванове (colloquial, also indeclinable)
        } else if (isConsonant(w.charAt(n - 1))) {
            add(f, w, "а", "у", "е", "ом", "ым");
            if (w.endsWith("ел") || w.endsWith("ёл")) {
                add(f, stem2 + "л", "а", "у", "е", "ом");     // Орёл → Орла, Орле
            } else if (w.endsWith("ец")) {
                char prev = stem2.isEmpty() ? 'x' : stem2.charAt(stem2.length() - 1);
                add(f, stem2 + ("аеиоуыэюя".indexOf(prev) >= 0 ? "йц" : "ьц"), "а", "у", "е", "ом"); // Елец → Ельце
            } else if (w.endsWith("ок")) {
                add(f, stem2 + "к", "а", "у", "е", "ом");     // Торжок → Торжке
            }
        } else if (w.endsWith("й")) {
            add(f, stem1, "я", "ю", "е", "ем");
        }
        return f;
    }

    private static void add(Set<String> f, String stem, String... endings) {
        for (String e : endings) {
            f.add(stem + e);
        }
    }

    private static boolean isConsonant(char c) {
        return "бвгджзклмнпрстфхцчшщ".indexOf(c) >= 0;
    }
}
