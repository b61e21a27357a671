package ru.tsur.text.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;
import org.tartarus.snowball.ext.RussianStemmer;

class MemoStemFilterTest {

    /** The chain of {@link RussianAnalysis} (without the ё mapping) ending in the given stemmer. */
    private static Analyzer analyzer(java.util.function.UnaryOperator<TokenStream> stemmer) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                return new TokenStreamComponents(source,
                        stemmer.apply(new CyrillicCleanupFilter(new LowerCaseFilter(source))));
            }
        };
    }

    /** The chain as it was before the memo: Lucene's own Snowball filter. */
    private static Analyzer reference() {
        return analyzer(in -> new SnowballFilter(in, new RussianStemmer()));
    }

    private static Analyzer memoized() {
        return analyzer(MemoStemFilter::new);
    }

    private static List<String> terms(Analyzer a, String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = a.tokenStream("f", new StringReader(text))) {
            CharTermAttribute t = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(t.toString());
            }
            ts.end();
        }
        return out;
    }

    private static List<String> labelledTexts() throws IOException {
        List<String> texts = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String set : List.of("/eval/labelled-dev.jsonl", "/eval/labelled-test.jsonl", "/dedup/labelled.jsonl")) {
            try (InputStream in = MemoStemFilterTest.class.getResourceAsStream(set)) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isBlank()) {
                        texts.add(json.readTree(line).path("text").asText());
                    }
                }
            }
        }
        return texts;
    }

    @Test
    void stemsEveryLabelledTextAsLucenesSnowballFilterDoes() throws IOException {
        Analyzer ref = reference();
        Analyzer memo = memoized();
        List<String> texts = labelledTexts();
        assertTrue(texts.size() > 2_000, "texts: " + texts.size());
        int tokens = 0;
        for (int pass = 0; pass < 2; pass++) { // the second pass is answered from the memo
            for (String text : texts) {
                List<String> expected = terms(ref, text);
                assertEquals(expected, terms(memo, text), text);
                tokens += expected.size();
            }
        }
        assertTrue(tokens > 20_000, "tokens: " + tokens);
    }

    @Test
    void staysRightWhenTheMemoFillsAndIsCleared() throws IOException {
        Analyzer ref = reference();
        Analyzer memo = memoized();
        Random rnd = new Random(7);
        String letters = "абвгдежзийклмнопрстуфхцчшщъыьэюя";
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < MemoStemFilter.CAPACITY * 3 / 2; i++) {
            for (int n = 3 + rnd.nextInt(9); n > 0; n--) {
                text.append(letters.charAt(rnd.nextInt(letters.length())));
            }
            text.append(i % 10 == 0 ? " дворами " : " ");
        }
        String s = text.toString();
        assertEquals(terms(ref, s), terms(memo, s));
        assertEquals(terms(ref, s), terms(memo, s));
    }
}
