package ru.tsur.dedup;

/**
 * An earlier post as one band shard remembers it: its sketch once (not once per band bucket), the band keys it is
 * stored under in this shard, and the root each of those buckets confirmed for it (band-local roots, as
 * {@link CopyIndex} keeps them in its {@link BandEntry}s). The buckets hold only references to it. A Flink POJO: it
 * lives in keyed state.
 */
public final class ShardPost {
    public String id;
    public long ts;
    public long fingerprint;
    public int shingles;
    /** Bloom set of the numbers in the text, see {@link TextSketch#numbersOf} */
    public long numbers;
    public long[] bits;
    /** the post's LSH band keys that fall in this shard */
    public long[] bandKeys;
    /**
     * per band key: the root id that bucket confirmed, null where the post is that bucket's root; the whole array is
     * null when it is every bucket's root (a new text: the common case)
     */
    public String[] rootIds;
    /** per band key: the confirmed root's time, where {@code rootIds} has one */
    public long[] rootTs;

    public ShardPost() {}

    /** The post of a probe, with the match each of the probe's buckets confirmed ({@code null}: none). */
    static ShardPost of(BandProbe probe, CopyMatch[] roots) {
        ShardPost p = new ShardPost();
        p.id = probe.postId;
        p.ts = probe.ts;
        p.fingerprint = probe.fingerprint;
        p.shingles = probe.shingles;
        p.numbers = probe.numbers;
        p.bits = probe.bits;
        p.bandKeys = probe.bandKeys;
        for (int i = 0; i < roots.length; i++) {
            if (roots[i] == null) {
                continue;
            }
            if (p.rootIds == null) {
                p.rootIds = new String[roots.length];
                p.rootTs = new long[roots.length];
            }
            p.rootIds[i] = roots[i].rootId();
            p.rootTs[i] = roots[i].rootTs();
        }
        return p;
    }

    CopyMatch.TextSketchBits sketch() {
        return new CopyMatch.TextSketchBits(fingerprint, shingles, numbers, bits);
    }

    /** Index of {@code bandKey} in {@link #rootIds} when that bucket confirmed another root; −1: the post itself. */
    int rootIndex(long bandKey) {
        if (rootIds != null) {
            for (int i = 0; i < bandKeys.length; i++) {
                if (bandKeys[i] == bandKey) {
                    return rootIds[i] == null ? -1 : i;
                }
            }
        }
        return -1;
    }
}
