package ru.tsur.dedup;

import java.util.Arrays;

/**
 * Character k-shingles of a canonical text, each hashed to 64 bits. Characters rather than words: a typo then breaks
 * at most k shingles instead of whole word pairs, and Russian inflection ("на улице Ленина" / "по улице Ленина")
 * still shares most shingles.
 */
public final class Shingles {
    private Shingles() {}

    /** Distinct shingle hashes, sorted; a text shorter than k is one shingle; an empty text has none. */
    public static long[] of(String canonical, int k) {
        int n = canonical.length();
        if (n == 0) {
            return new long[0];
        }
        if (n <= k) {
            return new long[] {hash(canonical, 0, n)};
        }
        long[] out = new long[n - k + 1];
        for (int i = 0; i + k <= n; i++) {
            out[i] = hash(canonical, i, k);
        }
        Arrays.sort(out);
        int distinct = 0;
        for (int i = 0; i < out.length; i++) {
            if (i == 0 || out[i] != out[i - 1]) {
                out[distinct++] = out[i];
            }
        }
        return distinct == out.length ? out : Arrays.copyOf(out, distinct);
    }

    static long hash(CharSequence s, int from, int len) {
        long h = 0x9E3779B97F4A7C15L;
        for (int i = from; i < from + len; i++) {
            h = (h ^ s.charAt(i)) * 0x100000001B3L;
        }
        return Hashing.mix(h);
    }
}
