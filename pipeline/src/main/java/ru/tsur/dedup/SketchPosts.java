package ru.tsur.dedup;

import java.util.Arrays;
import java.util.function.Consumer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.OutputTag;
import org.apache.flink.util.Collector;
import ru.tsur.schema.Post;

/**
 * Stateless, parallel: sketches each post and fans it out as one probe per shard of its LSH bands (or one
 * pass-through). The post itself goes straight to the resolver, as a vote that counts for none of the shards'
 * ({@link #POSTS}): the band step needs only the sketch, and the post no longer makes the Avro round trip through it.
 */
final class SketchPosts extends ProcessFunction<Post, BandProbe> {
    /** each post, as a vote of count 0 that tells the resolver how many shard votes to wait for */
    static final OutputTag<Vote> POSTS = new OutputTag<>("dedup-posts", Vote.TYPE);

    private final DedupOptions opts;
    private transient Sketcher sketcher;
    private transient BandShards shards;

    SketchPosts(DedupOptions opts) {
        this.opts = opts;
    }

    @Override
    public void open(OpenContext ctx) {
        sketcher = opts.sketcher();
        shards = new BandShards(opts.shards());
    }

    @Override
    public void processElement(Post post, Context ctx, Collector<BandProbe> out) {
        ctx.output(POSTS, Vote.carrying(post, probes(post, out)));
    }

    /** Emits the post's probes; returns how many (each shard answers one with a vote). */
    int probes(Post post, Collector<BandProbe> out) {
        boolean store = DedupDecision.indexable(post);
        TextSketch sketch = store || DedupDecision.lookupOnly(post) ? sketcher.sketch(post) : null;
        return probes(post.getId(), post.getPublishedAt().toEpochMilli(), sketch, store, shards, opts, out::collect);
    }

    /**
     * The probes of a post with this sketch, one per shard its band keys fall in (band keys grouped by shard, in band
     * order within a shard); without a sketch (or an empty one) a single pass-through probe. Returns how many.
     */
    static int probes(String id, long ts, TextSketch sketch, boolean store, BandShards shards, DedupOptions opts,
                      Consumer<BandProbe> out) {
        if (sketch == null || sketch.isEmpty()) {
            BandProbe p = base(id, ts);
            p.shardKey = shards.key(shards.shardOf(Hashing.of(id)));
            p.expected = 1;
            out.accept(p);
            return 1;
        }
        int n = shards.count();
        long[][] byShard = new long[n][];
        int[] size = new int[n];
        int used = 0;
        for (int b = 0; b < opts.bands(); b++) {
            long key = sketch.bandKey(b, opts.rows());
            int s = shards.shardOf(key);
            if (byShard[s] == null) {
                byShard[s] = new long[opts.bands()];
                used++;
            }
            byShard[s][size[s]++] = key;
        }
        long[] bits = sketch.packedBits();
        for (int s = 0; s < n; s++) {
            if (byShard[s] == null) {
                continue;
            }
            BandProbe p = base(id, ts);
            p.shardKey = shards.key(s);
            p.bandKeys = Arrays.copyOf(byShard[s], size[s]);
            p.expected = used;
            p.fingerprint = sketch.fingerprint();
            p.shingles = sketch.shingles();
            p.numbers = sketch.numbers();
            p.bits = bits;
            p.store = store;
            out.accept(p);
        }
        return used;
    }

    private static BandProbe base(String id, long ts) {
        BandProbe p = new BandProbe();
        p.postId = id;
        p.ts = ts;
        return p;
    }
}
