package ru.tsur.dedup;

import ru.tsur.schema.Post;

/**
 * A post asking one LSH band bucket for earlier copies. Each indexable post sends one probe per band; only band 0's
 * probe carries the post itself (the resolver needs it once, and the other bands need only the sketch). A post that
 * takes no part in text matching sends a single pass-through probe ({@code band = -1}). A Flink POJO.
 */
public final class BandProbe {
    public String postId;
    public long ts;
    public int band;
    public long bandKey;
    /** votes the resolver waits for: the number of bands, or 1 for a pass-through */
    public int expected;
    public long fingerprint;
    public int shingles;
    public long numbers;
    public long[] bits;
    /** false: the post only looks for an incident to join (non-actionable) and is not kept in the bucket */
    public boolean store;
    /** the post, on band 0 and pass-through probes only */
    public Post post;

    public BandProbe() {}

    public boolean passThrough() {
        return band < 0;
    }

    CopyMatch.TextSketchBits sketch() {
        return new CopyMatch.TextSketchBits(fingerprint, shingles, numbers, bits);
    }
}
