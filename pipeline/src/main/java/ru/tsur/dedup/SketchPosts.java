package ru.tsur.dedup;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;
import ru.tsur.schema.Post;

/** Stateless, parallel: sketches each post and fans it out as one probe per LSH band (or one pass-through). */
final class SketchPosts extends RichFlatMapFunction<Post, BandProbe> {
    private final DedupOptions opts;
    private transient Sketcher sketcher;

    SketchPosts(DedupOptions opts) {
        this.opts = opts;
    }

    @Override
    public void open(OpenContext ctx) {
        sketcher = opts.sketcher();
    }

    @Override
    public void flatMap(Post post, Collector<BandProbe> out) {
        boolean store = DedupDecision.indexable(post);
        TextSketch sketch = store || DedupDecision.lookupOnly(post) ? sketcher.sketch(post.getText()) : null;
        long ts = post.getPublishedAt().toEpochMilli();
        if (sketch == null || sketch.isEmpty()) {
            BandProbe p = base(post, ts);
            p.band = -1;
            p.bandKey = Hashing.of(post.getId());
            p.expected = 1;
            p.post = post;
            out.collect(p);
            return;
        }
        long[] bits = sketch.packedBits();
        for (int b = 0; b < opts.bands(); b++) {
            BandProbe p = base(post, ts);
            p.band = b;
            p.bandKey = sketch.bandKey(b, opts.rows());
            p.expected = opts.bands();
            p.fingerprint = sketch.fingerprint();
            p.shingles = sketch.shingles();
            p.numbers = sketch.numbers();
            p.bits = bits;
            p.store = store;
            p.post = b == 0 ? post : null;
            out.collect(p);
        }
    }

    private static BandProbe base(Post post, long ts) {
        BandProbe p = new BandProbe();
        p.postId = post.getId();
        p.ts = ts;
        return p;
    }
}
