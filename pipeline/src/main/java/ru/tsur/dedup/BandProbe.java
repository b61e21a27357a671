package ru.tsur.dedup;

/**
 * A post asking the band buckets of one shard for earlier copies. Each indexable post sends one probe per shard its
 * LSH bands fall in ({@link BandShards}), carrying those bands' keys and the sketch; the post itself goes to the
 * resolver directly ({@link SketchPosts#POSTS}). A post that takes no part in text matching
 * sends a single pass-through probe ({@code bandKeys == null}). A Flink POJO.
 */
public final class BandProbe {
    public String postId;
    public long ts;
    /** key of the band operator: {@link BandShards#key} of the shard */
    public int shardKey;
    /** the LSH band keys of this post that belong to this shard; null for a pass-through */
    public long[] bandKeys;
    /** votes the resolver waits for: the number of probes the post sent */
    public int expected;
    public long fingerprint;
    public int shingles;
    public long numbers;
    public long[] bits;
    /** false: the post only looks for an incident to join (non-actionable) and is not kept in the buckets */
    public boolean store;

    public BandProbe() {}

    public boolean passThrough() {
        return bandKeys == null;
    }
}
