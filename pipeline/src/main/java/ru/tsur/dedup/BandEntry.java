package ru.tsur.dedup;

/**
 * One earlier post as an LSH band bucket remembers it: enough to confirm a candidate (two-bit sketch, shingle count,
 * fingerprint) and to name the incident it joins (root post id and time). A Flink POJO: it lives in keyed state.
 */
public final class BandEntry {
    /** id of the first post of the incident this post joined, as seen by this band */
    public String rootId;
    public long rootTs;
    /** publication time of the post itself; the entry expires at {@code ts + horizon} */
    public long ts;
    public long fingerprint;
    public int shingles;
    /** Bloom set of the numbers in the text, see {@link TextSketch#numbersOf} */
    public long numbers;
    public long[] bits;

    public BandEntry() {}

    public BandEntry(String rootId, long rootTs, long ts, long fingerprint, int shingles, long numbers,
                     long[] bits) {
        this.rootId = rootId;
        this.rootTs = rootTs;
        this.ts = ts;
        this.fingerprint = fingerprint;
        this.shingles = shingles;
        this.numbers = numbers;
        this.bits = bits;
    }
}
