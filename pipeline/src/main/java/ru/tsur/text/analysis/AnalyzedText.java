package ru.tsur.text.analysis;

import java.util.Arrays;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * A text analyzed once by {@link RussianAnalysis}: stemmed terms with their positions and character offsets in the
 * original text. {@link #tokenStream()} replays them into Lucene (e.g. a Monitor's MemoryIndex) without re-analysis.
 */
public final class AnalyzedText {

    /** The field name used for post text in every Lucene structure of Pulse. */
    public static final String FIELD = "text";

    private final String text;
    private final String[] terms;
    private final int[] positions;
    private final int[] starts;
    private final int[] ends;

    private AnalyzedText(String text, String[] terms, int[] positions, int[] starts, int[] ends) {
        this.text = text;
        this.terms = terms;
        this.positions = positions;
        this.starts = starts;
        this.ends = ends;
    }

    public String text() {
        return text;
    }

    public int size() {
        return terms.length;
    }

    /** The stemmed term at token index {@code i}. */
    public String term(int i) {
        return terms[i];
    }

    public int position(int i) {
        return positions[i];
    }

    /** The original surface form of token {@code i} (as written, before folding and stemming). */
    public String surface(int i) {
        return text.substring(starts[i], ends[i]);
    }

    public int startOffset(int i) {
        return starts[i];
    }

    /** A fresh stream over the stored tokens; each call is independent. */
    public TokenStream tokenStream() {
        return new Replay();
    }

    private final class Replay extends TokenStream {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
        private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
        private int next;

        @Override
        public boolean incrementToken() {
            if (next >= terms.length) {
                return false;
            }
            clearAttributes();
            term.setEmpty().append(terms[next]);
            offset.setOffset(starts[next], ends[next]);
            posInc.setPositionIncrement(next == 0 ? positions[0] + 1 : positions[next] - positions[next - 1]);
            next++;
            return true;
        }

        @Override
        public void reset() {
            next = 0;
        }

        @Override
        public void end() throws java.io.IOException {
            super.end();
            offset.setOffset(text.length(), text.length());
        }
    }

    static final class Builder {
        private final String text;
        private String[] terms = new String[32];
        private int[] positions = new int[32];
        private int[] starts = new int[32];
        private int[] ends = new int[32];
        private int size;

        Builder(String text) {
            this.text = text;
        }

        void add(String term, int position, int start, int end) {
            if (size == terms.length) {
                int n = size * 2;
                terms = Arrays.copyOf(terms, n);
                positions = Arrays.copyOf(positions, n);
                starts = Arrays.copyOf(starts, n);
                ends = Arrays.copyOf(ends, n);
            }
            terms[size] = term;
            positions[size] = position;
            starts[size] = start;
            ends[size] = end;
            size++;
        }

        AnalyzedText build() {
            return new AnalyzedText(text, Arrays.copyOf(terms, size), Arrays.copyOf(positions, size),
                    Arrays.copyOf(starts, size), Arrays.copyOf(ends, size));
        }
    }
}
