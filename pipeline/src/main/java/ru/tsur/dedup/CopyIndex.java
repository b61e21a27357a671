package ru.tsur.dedup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Single-threaded copy index: the same decision the Flink operators make, in one place. Posts must be added in
 * publication order. Each band bucket matches and stores on its own and the post joins the earliest root any band
 * confirmed — exactly what the band-keyed operator does in parallel, so the evaluator and the benchmark measure the
 * streaming behaviour. With {@code globalRoots} every band stores the post's final root instead (what a single
 * un-partitioned operator could do); the evaluator reports both to show what band-local roots cost.
 */
public final class CopyIndex {
    private final DedupOptions opts;
    private final Sketcher sketcher;
    private final boolean globalRoots;
    private final Map<Long, List<BandEntry>> buckets = new HashMap<>();

    public CopyIndex(DedupOptions opts, boolean globalRoots) {
        this.opts = opts;
        this.sketcher = opts.sketcher();
        this.globalRoots = globalRoots;
    }

    /** The decision for one post: {@code match == null} means a new incident rooted at the post itself. */
    public record Decision(String postId, CopyMatch match) {
        public String rootId() {
            return match == null ? postId : match.rootId();
        }

        public String method() {
            return match == null ? "new" : match.exact() ? "exact" : "near";
        }
    }

    public Decision add(String postId, long ts, String text) {
        return add(postId, ts, sketcher.sketch(text));
    }

    /** The decision for a post that only looks (see {@link DedupDecision#lookupOnly}): nothing is stored. */
    public Decision lookup(String postId, long ts, TextSketch sketch) {
        return decide(postId, ts, sketch, false);
    }

    public Decision add(String postId, long ts, TextSketch sketch) {
        return decide(postId, ts, sketch, true);
    }

    private Decision decide(String postId, long ts, TextSketch sketch, boolean store) {
        if (sketch.isEmpty()) {
            return new Decision(postId, null);
        }
        CopyMatch.TextSketchBits bits = CopyMatch.TextSketchBits.of(sketch);
        long[] keys = new long[opts.bands()];
        CopyMatch[] local = new CopyMatch[opts.bands()];
        CopyMatch best = null;
        for (int b = 0; b < opts.bands(); b++) {
            keys[b] = sketch.bandKey(b, opts.rows());
            List<BandEntry> bucket = buckets.get(keys[b]);
            if (bucket != null) {
                local[b] = CopyMatch.inBucket(bucket, ts, bits, opts.numHashes(), opts.rule(), opts.horizonMillis());
                best = CopyMatch.earliest(best, local[b]);
            }
        }
        for (int b = 0; b < opts.bands() && store; b++) {
            CopyMatch root = globalRoots ? best : local[b];
            BandEntry e = root == null
                    ? new BandEntry(postId, ts, ts, bits.fingerprint(), bits.shingles(), bits.numbers(), bits.bits())
                    : new BandEntry(root.rootId(), root.rootTs(), ts, bits.fingerprint(), bits.shingles(),
                            bits.numbers(), bits.bits());
            CopyMatch.addBounded(buckets.computeIfAbsent(keys[b], k -> new ArrayList<>(2)), e, opts.maxBucket());
        }
        return new Decision(postId, best);
    }

    /** Forgets entries published at or before {@code watermark − horizon}. */
    public void expire(long watermark) {
        long limit = watermark - opts.horizonMillis();
        Iterator<List<BandEntry>> it = buckets.values().iterator();
        while (it.hasNext()) {
            List<BandEntry> bucket = it.next();
            bucket.removeIf(e -> e.ts <= limit);
            if (bucket.isEmpty()) {
                it.remove();
            }
        }
    }

    public long entries() {
        long n = 0;
        for (List<BandEntry> bucket : buckets.values()) {
            n += bucket.size();
        }
        return n;
    }

    public int buckets() {
        return buckets.size();
    }
}
