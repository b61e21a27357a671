package ru.tsur.text.analysis;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * The one Russian analysis chain of Pulse: ё→е, lower case, Latin look-alike letters inside Cyrillic words mapped to
 * Cyrillic, letter runs of three or more collapsed («ямыыы» → «ямы»), Snowball Russian stemming (memoized:
 * {@link MemoStemFilter}). No stop words: «не»
 * and «нет» carry the meaning of a complaint («не вывозят», «нет света»).
 *
 * <p>Rules are parsed with {@link #analyzer()} and posts are analyzed once with {@link #analyze(String)}; the result is
 * replayed into Lucene and reused by other stages, so a post is never stemmed twice.
 */
public final class RussianAnalysis {

    private static final NormalizeCharMap YO = yoMap();

    private RussianAnalysis() {}

    /** A new analyzer (Lucene analyzers hold per-thread state; one per task or per parser is fine). */
    public static Analyzer analyzer() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                TokenStream chain = new LowerCaseFilter(source);
                chain = new CyrillicCleanupFilter(chain);
                chain = new MemoStemFilter(chain);
                return new TokenStreamComponents(source, chain);
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                // wildcard and fuzzy terms in rules: same folding, no stemming
                return new CyrillicCleanupFilter(new LowerCaseFilter(in));
            }

            @Override
            protected Reader initReader(String fieldName, Reader reader) {
                return new MappingCharFilter(YO, reader);
            }

            @Override
            protected Reader initReaderForNormalization(String fieldName, Reader reader) {
                return new MappingCharFilter(YO, reader);
            }
        };
    }

    /** Analyzes a text once; the returned tokens can be replayed any number of times. */
    public static AnalyzedText analyze(Analyzer analyzer, String text) {
        String safe = text == null ? "" : text;
        AnalyzedText.Builder out = new AnalyzedText.Builder(safe);
        try (TokenStream ts = analyzer.tokenStream(AnalyzedText.FIELD, new StringReader(safe))) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            PositionIncrementAttribute posInc = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            int position = -1;
            while (ts.incrementToken()) {
                position += posInc.getPositionIncrement();
                out.add(term.toString(), position, offset.startOffset(), offset.endOffset());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysis of an in-memory string failed", e);
        }
        return out.build();
    }

    private static NormalizeCharMap yoMap() {
        NormalizeCharMap.Builder b = new NormalizeCharMap.Builder();
        b.add("ё", "е");
        b.add("Ё", "Е");
        return b.build();
    }
}
