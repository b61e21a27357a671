package ru.tsur.text.analysis;

import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.analysis.CharArrayMap;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.tartarus.snowball.ext.RussianStemmer;

/**
 * Snowball Russian stemming, as {@code SnowballFilter} does it, with a memo of the words already stemmed: complaints
 * repeat a small vocabulary («дом», «двор», «не вывозят»), and the stemmer's suffix search was 17 % of the classify
 * chain's CPU samples in the 1 M-post benchmark. The memo belongs to one analyzer component (one thread) and is
 * cleared when it reaches {@value #CAPACITY} words, so a stream of unique garbage cannot grow it.
 */
final class MemoStemFilter extends TokenFilter {
    static final int CAPACITY = 50_000;

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);
    private final RussianStemmer stemmer = new RussianStemmer();
    private final CharArrayMap<char[]> memo = new CharArrayMap<>(4_096, false);

    MemoStemFilter(TokenStream in) {
        super(in);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        if (keyword.isKeyword()) {
            return true;
        }
        char[] buffer = term.buffer();
        int length = term.length();
        char[] stem = memo.get(buffer, 0, length);
        if (stem == null) {
            // the stemmer works in the buffer it is given: keep the word before it changes
            char[] word = Arrays.copyOf(buffer, length);
            stemmer.setCurrent(buffer, length);
            stemmer.stem();
            stem = Arrays.copyOf(stemmer.getCurrentBuffer(), stemmer.getCurrentBufferLength());
            if (memo.size() >= CAPACITY) {
                memo.clear();
            }
            memo.put(word, stem);
        }
        term.copyBuffer(stem, 0, stem.length);
        return true;
    }
}
