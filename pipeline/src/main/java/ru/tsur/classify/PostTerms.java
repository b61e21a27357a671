package ru.tsur.classify;

import java.util.Arrays;
import java.util.Map;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.IndexSearcher;
import ru.tsur.text.analysis.AnalyzedText;

/**
 * One post seen by {@link TermIndexMatcher}: the id of each token's term in the rules' dictionary and, per known term,
 * its occurrences in position order (one sorted array of {@code id << 32 | token}), so that phrase checks are a few
 * array reads. Built per post, used by one thread.
 */
final class PostTerms {

    final AnalyzedText text;
    /** Dictionary id of the term of each token, -1 for terms no rule mentions. */
    final int[] ids;
    private final long[] occurrences;
    private final int size;
    private IndexSearcher searcher;

    PostTerms(AnalyzedText text, Map<String, Integer> dictionary) {
        this.text = text;
        int n = text.size();
        ids = new int[n];
        long[] occ = new long[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            Integer id = dictionary.get(text.term(i));
            ids[i] = id == null ? -1 : id;
            if (id != null) {
                occ[m++] = (long) id << 32 | i;
            }
        }
        Arrays.sort(occ, 0, m);
        occurrences = occ;
        size = m;
    }

    /** Number of occurrences of known terms; occurrence {@code o} has term {@link #idAt(int)}. */
    int occurrences() {
        return size;
    }

    int idAt(int o) {
        return (int) (occurrences[o] >>> 32);
    }

    /** The first occurrence of a term, -1 when it does not occur. */
    int first(int id) {
        long key = (long) id << 32;
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (occurrences[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo < size && idAt(lo) == id ? lo : -1;
    }

    /** The occurrence of the same term after {@code o}, -1 after the last. */
    int next(int o, int id) {
        return o + 1 < size && idAt(o + 1) == id ? o + 1 : -1;
    }

    boolean has(int id) {
        return first(id) >= 0;
    }

    /** The token position of occurrence {@code o}. */
    int positionOf(int o) {
        return text.position((int) occurrences[o]);
    }

    boolean hasAt(int id, int position) {
        for (int o = first(id); o >= 0; o = next(o, id)) {
            int p = positionOf(o);
            if (p >= position) {
                return p == position;
            }
        }
        return false;
    }

    /** A searcher over this post alone, for the rare clauses Lucene has to run; built on first use. */
    IndexSearcher searcher() {
        if (searcher == null) {
            MemoryIndex index = new MemoryIndex();
            index.addField(AnalyzedText.FIELD, text.tokenStream());
            searcher = index.createSearcher();
            searcher.setQueryCache(null); // one document: caching costs more than it saves
        }
        return searcher;
    }
}
