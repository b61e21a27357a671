package ru.tsur.dedup;

import java.util.List;

/**
 * The incident a post joins: its first post (root) and whether the evidence was an exact copy of the canonical text.
 * Among several matches the earliest root wins (then the smallest id), so every band and every task that sees the
 * same candidates picks the same incident.
 */
public record CopyMatch(String rootId, long rootTs, boolean exact) {

    public boolean before(CopyMatch other) {
        return other == null || order(rootTs, rootId, other.rootTs, other.rootId) < 0;
    }

    /** Order of two roots: the earlier first, then the smaller id; 0 for the same root. */
    static int order(long tsA, String idA, long tsB, String idB) {
        if (tsA != tsB) {
            return Long.compare(tsA, tsB);
        }
        // the same root reached through many bucket entries is mostly the same String object
        return idA == idB ? 0 : idA.compareTo(idB);
    }

    /** Earlier root of the two (either may be null); on the same root, exact evidence wins. */
    public static CopyMatch earliest(CopyMatch a, CopyMatch b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        if (a.rootTs == b.rootTs && a.rootId.equals(b.rootId)) {
            return a.exact || !b.exact ? a : b;
        }
        return a.before(b) ? a : b;
    }

    /** How an earlier post relates to the post being decided: no copy, a confirmed near copy, an exact copy. */
    public enum Evidence { NONE, NEAR, EXACT }

    /**
     * Whether an earlier post is a copy: within {@code horizonMs} of the post's time, numbers that agree
     * ({@link CopyRule#numbersAgree}), and an equal fingerprint (exact copy) or an estimated similarity that passes
     * the rule.
     */
    public static Evidence evidence(long ts, TextSketchBits post, long earlierTs, TextSketchBits earlier,
                                    int numHashes, CopyRule rule, long horizonMs) {
        return evidence(ts, post.fingerprint(), post.shingles(), post.numbers(), post.bits(), 0, earlierTs,
                earlier.fingerprint(), earlier.shingles(), earlier.numbers(), earlier.bits(), 0, numHashes, rule,
                horizonMs);
    }

    /** {@link #evidence(long, TextSketchBits, long, TextSketchBits, int, CopyRule, long)} over flat fields. */
    static Evidence evidence(long ts, long fingerprint, int shingles, long numbers, long[] bits, int bitsAt,
                             long earlierTs, long earlierFingerprint, int earlierShingles, long earlierNumbers,
                             long[] earlierBits, int earlierBitsAt, int numHashes, CopyRule rule, long horizonMs) {
        // numbers first: equal texts have equal numbers, and a band index can test them without the rest of a row
        if (Math.abs(ts - earlierTs) > horizonMs || !CopyRule.numbersAgree(numbers, earlierNumbers)) {
            return Evidence.NONE;
        }
        if (earlierFingerprint == fingerprint) {
            return Evidence.EXACT;
        }
        return rule.copies(BitSketch.jaccard(bits, bitsAt, earlierBits, earlierBitsAt, numHashes), shingles,
                earlierShingles, numbers, earlierNumbers) ? Evidence.NEAR : Evidence.NONE;
    }

    /** Best confirmed match of a post against one band bucket ({@link #evidence} of each entry). */
    public static CopyMatch inBucket(Iterable<BandEntry> entries, long ts, TextSketchBits post, int numHashes,
                                     CopyRule rule, long horizonMs) {
        CopyMatch best = null;
        for (BandEntry e : entries) {
            Evidence ev = evidence(ts, post, e.ts, new TextSketchBits(e.fingerprint, e.shingles, e.numbers, e.bits),
                    numHashes, rule, horizonMs);
            if (ev != Evidence.NONE) {
                best = earliest(best, new CopyMatch(e.rootId, e.rootTs, ev == Evidence.EXACT));
            }
        }
        return best;
    }

    /**
     * Adds an entry to a bucket, evicting the oldest entries beyond {@code maxBucket}; returns whether any was
     * evicted (the caller then rewrites the bucket instead of appending).
     */
    public static boolean addBounded(List<BandEntry> bucket, BandEntry e, int maxBucket) {
        bucket.add(e);
        boolean evicted = false;
        while (bucket.size() > maxBucket) {
            int oldest = 0;
            for (int i = 1; i < bucket.size(); i++) {
                if (bucket.get(i).ts < bucket.get(oldest).ts) {
                    oldest = i;
                }
            }
            bucket.remove(oldest);
            evicted = true;
        }
        return evicted;
    }

    /** The part of a sketch a band bucket compares. */
    public record TextSketchBits(long fingerprint, int shingles, long numbers, long[] bits) {
        public static TextSketchBits of(TextSketch s) {
            return new TextSketchBits(s.fingerprint(), s.shingles(), s.numbers(), s.packedBits());
        }
    }
}
