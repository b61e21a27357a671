package ru.tsur.text.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.junit.jupiter.api.Test;

class RussianAnalysisTest {

    private final Analyzer analyzer = RussianAnalysis.analyzer();

    private List<String> terms(String text) {
        AnalyzedText t = RussianAnalysis.analyze(analyzer, text);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            out.add(t.term(i));
        }
        return out;
    }

    @Test
    void casesOfOneWordShareAStem() {
        String stem = terms("яма").get(0);
        for (String form : List.of("ямы", "ямой", "ЯМАХ", "Яму")) {
            assertEquals(stem, terms(form).get(0), form);
        }
        assertEquals(terms("дорога"), terms("ДОРОГИ"));
        assertEquals(terms("мусор"), terms("мусором"));
    }

    @Test
    void yoFoldsToYe() {
        assertEquals(terms("ещё нет счётчика"), terms("еще нет счетчика"));
        assertEquals(terms("ЁЛКА"), terms("елка"));
    }

    @Test
    void latinLookAlikesInsideCyrillicWordsAreRepaired() {
        assertEquals(terms("мусор"), terms("мусoр")); // Latin o
        assertEquals(terms("вывозят"), terms("вывoзят"));
        assertEquals(List.of("wifi"), terms("wifi")); // a Latin word stays Latin
    }

    @Test
    void stretchedLettersCollapseButAcronymsStay() {
        assertEquals(terms("ямы"), terms("ямыыыыы"));
        assertEquals(terms("ужас"), terms("ужаааас"));
        assertEquals(List.of("ссср"), terms("СССР"));
        assertNotEquals(terms("ссср"), terms("ср"));
    }

    @Test
    void negationIsKeptNotAStopWord() {
        assertEquals(List.of("не", "вывоз", "мусор"), terms("Не вывозят мусор"));
        assertEquals("нет", terms("нет света").get(0));
    }

    @Test
    void replayGivesTheSameTokensAndOriginalOffsets() throws Exception {
        String text = "Огромная ЯМИЩА у дома №5 😡";
        AnalyzedText t = RussianAnalysis.analyze(analyzer, text);
        assertEquals("ЯМИЩА", t.surface(1));
        List<String> replayed = new ArrayList<>();
        try (TokenStream ts = t.tokenStream()) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                replayed.add(term + "@" + text.substring(offset.startOffset(), offset.endOffset()));
            }
            ts.end();
        }
        assertEquals(t.size(), replayed.size());
        assertEquals(t.term(1) + "@ЯМИЩА", replayed.get(1));
    }

    @Test
    void emptyAndNullTextsHaveNoTokens() {
        assertEquals(0, RussianAnalysis.analyze(analyzer, "").size());
        assertEquals(0, RussianAnalysis.analyze(analyzer, null).size());
        assertEquals(0, RussianAnalysis.analyze(analyzer, "!!! ... ,,, ---").size());
    }
}
