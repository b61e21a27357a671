package ru.tsur.dedup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by band shard ({@link BandShards}): the LSH band buckets whose band keys fall in this shard. Each stored post
 * is kept once per shard ({@link ShardPost}: sketch, band keys, band-local roots) under a shard-local reference, and
 * a bucket is the array of references of its posts, oldest first. For each probe it confirms the candidates of each
 * of the post's buckets here (each candidate once, however many buckets it shares with the post), votes for the
 * earliest confirmed root, and stores the post with the root each bucket confirmed — exactly what {@link CopyIndex}
 * decides. With event-time order on, probes wait for the watermark so every bucket sees posts in publication order.
 * Posts are forgotten a horizon after their time, by one timer per shard per expiry slot (a grid of a sixteenth of the
 * horizon) that scans the shard's posts: an entry past the horizon can no longer match, so removing it up to a slot
 * later changes no decision, and a post is looked at 16 times in its life instead of registering its own timers.
 */
final class BandMatcher extends KeyedProcessFunction<Integer, BandProbe, Vote> {
    /** expiry slots per horizon: each stored post is looked at this many times by the expiry scans of its shard */
    private static final int SLOTS_PER_HORIZON = 16;

    private final DedupOptions opts;
    private final long slot;
    private transient MapState<Long, ShardPost> posts;
    private transient MapState<Long, long[]> buckets;
    private transient ValueState<Long> lastRef;
    private transient EventTimeBuffer<BandProbe> buffer;

    BandMatcher(DedupOptions opts) {
        this.opts = opts;
        this.slot = Math.max(1, opts.horizonMillis() / SLOTS_PER_HORIZON);
    }

    @Override
    public void open(OpenContext ctx) {
        posts = getRuntimeContext().getMapState(new MapStateDescriptor<>("shard-posts", Types.LONG,
                TypeInformation.of(ShardPost.class)));
        buckets = getRuntimeContext().getMapState(new MapStateDescriptor<>("shard-buckets", Types.LONG,
                PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        lastRef = getRuntimeContext().getState(new ValueStateDescriptor<>("shard-last-ref", Types.LONG));
        buffer = new EventTimeBuffer<>(getRuntimeContext(), "band-pending", TypeInformation.of(BandProbe.class));
    }

    @Override
    public void processElement(BandProbe probe, Context ctx, Collector<Vote> out) throws Exception {
        if (probe.passThrough()) {
            out.collect(Vote.of(probe, null));
            return;
        }
        if (opts.eventTimeOrder() && buffer.hold(probe.ts, probe, ctx.timerService())) {
            return;
        }
        match(probe, ctx, out);
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<Vote> out) throws Exception {
        List<BandProbe> due = new ArrayList<>(buffer.release(time));
        due.sort(Comparator.comparing(p -> p.postId));
        for (BandProbe p : due) {
            match(p, ctx, out);
        }
        if (Math.floorMod(time, slot) == 0) {
            expire(time);
        }
    }

    private void match(BandProbe probe, Context ctx, Collector<Vote> out) throws Exception {
        long[] keys = probe.bandKeys;
        long[][] found = new long[keys.length][];
        for (int i = 0; i < keys.length; i++) {
            found[i] = buckets.get(keys[i]);
        }
        Candidates c = candidates(probe, found);
        CopyMatch[] local = new CopyMatch[keys.length];
        CopyMatch best = null;
        for (int i = 0; i < keys.length; i++) {
            local[i] = found[i] == null ? null : earliestIn(found[i], keys[i], c);
            best = CopyMatch.earliest(best, local[i]);
        }
        out.collect(Vote.of(probe, best));
        if (!probe.store) {
            return;
        }
        Long last = lastRef.value();
        long ref = last == null ? 1 : last + 1;
        lastRef.update(ref);
        posts.put(ref, ShardPost.of(probe, local));
        for (int i = 0; i < keys.length; i++) {
            buckets.put(keys[i], added(found[i], ref, probe.ts, c));
        }
        // one timer per shard and slot; a slot already behind the watermark fires within this advance, in order
        EventTimeBuffer.cleanupAt(ctx.timerService(),
                Math.floorDiv(probe.ts + opts.horizonMillis() + slot - 1, slot) * slot);
    }

    /**
     * The bucket's earliest confirmed root, each entry standing for the root it got in this bucket — what
     * {@link CopyMatch#inBucket} finds, without a match object per entry (on the same root, exact evidence wins).
     */
    private static CopyMatch earliestIn(long[] bucket, long bandKey, Candidates c) {
        String rootId = null;
        long rootTs = 0;
        boolean exact = false;
        for (long ref : bucket) {
            int j = c.indexOf(ref);
            if (c.evidence[j] == CopyMatch.Evidence.NONE) {
                continue;
            }
            ShardPost p = c.posts[j];
            int r = p.rootIndex(bandKey);
            String id = r < 0 ? p.id : p.rootIds[r];
            long ts = r < 0 ? p.ts : p.rootTs[r];
            boolean ex = c.evidence[j] == CopyMatch.Evidence.EXACT;
            int order = rootId == null ? -1 : CopyMatch.order(ts, id, rootTs, rootId);
            if (order < 0) {
                rootId = id;
                rootTs = ts;
                exact = ex;
            } else if (order == 0) {
                exact |= ex;
            }
        }
        return rootId == null ? null : new CopyMatch(rootId, rootTs, exact);
    }

    /** The distinct posts of a probe's buckets (a copy shares many), each looked up and confirmed once. */
    private Candidates candidates(BandProbe probe, long[][] found) throws Exception {
        int n = 0;
        for (long[] bucket : found) {
            n += bucket == null ? 0 : bucket.length;
        }
        Candidates c = new Candidates(n);
        for (long[] bucket : found) {
            if (bucket != null) {
                for (long ref : bucket) {
                    c.add(ref);
                }
            }
        }
        CopyMatch.TextSketchBits sketch = probe.sketch();
        for (int j = 0; j < c.size; j++) {
            ShardPost p = posts.get(c.refs[j]);
            c.posts[j] = p;
            c.evidence[j] = CopyMatch.evidence(probe.ts, sketch, p.ts, p.sketch(), opts.numHashes(), opts.rule(),
                    opts.horizonMillis());
        }
        return c;
    }

    /** Distinct references (an open-addressing index: references start at 1, 0 is free) with posts and evidence. */
    private static final class Candidates {
        final long[] slots;
        final int[] at;
        final long[] refs;
        final ShardPost[] posts;
        final CopyMatch.Evidence[] evidence;
        int size;

        Candidates(int capacity) {
            int n = Integer.highestOneBit(Math.max(1, capacity) * 2 - 1) * 2;
            slots = new long[n];
            at = new int[n];
            refs = new long[capacity];
            posts = new ShardPost[capacity];
            evidence = new CopyMatch.Evidence[capacity];
        }

        void add(long ref) {
            int s = slot(ref);
            if (slots[s] == 0) {
                slots[s] = ref;
                at[s] = size;
                refs[size++] = ref;
            }
        }

        int indexOf(long ref) {
            return at[slot(ref)];
        }

        /** The slot holding {@code ref}, or the free one where it goes. */
        private int slot(long ref) {
            int mask = slots.length - 1;
            int s = (int) ((ref * 0x9E3779B97F4A7C15L) >>> 40) & mask;
            while (slots[s] != 0 && slots[s] != ref) {
                s = (s + 1) & mask;
            }
            return s;
        }
    }

    /**
     * A bucket with {@code ref} appended (a new array: state values are never changed in place), without its oldest
     * entry when that makes it longer than {@code maxBucket} — the first of the earliest, as
     * {@link CopyMatch#addBounded} evicts.
     */
    private long[] added(long[] bucket, long ref, long ts, Candidates c) {
        if (bucket == null) {
            return new long[] {ref};
        }
        long[] out = Arrays.copyOf(bucket, bucket.length + 1);
        out[bucket.length] = ref;
        if (out.length <= opts.maxBucket()) {
            return out;
        }
        int oldest = 0;
        long oldestTs = Long.MAX_VALUE;
        for (int i = 0; i < out.length; i++) {
            long t = i == bucket.length ? ts : c.posts[c.indexOf(out[i])].ts;
            if (t < oldestTs) {
                oldest = i;
                oldestTs = t;
            }
        }
        long[] kept = new long[out.length - 1];
        System.arraycopy(out, 0, kept, 0, oldest);
        System.arraycopy(out, oldest + 1, kept, oldest, out.length - oldest - 1);
        return kept;
    }

    /** Forgets the posts of this shard published at or before {@code time − horizon}, and their bucket entries. */
    private void expire(long time) throws Exception {
        long limit = time - opts.horizonMillis();
        Set<Long> gone = new HashSet<>();
        Set<Long> touched = new HashSet<>();
        for (Map.Entry<Long, ShardPost> e : posts.entries()) {
            if (e.getValue().ts <= limit) {
                gone.add(e.getKey());
                for (long k : e.getValue().bandKeys) {
                    touched.add(k);
                }
            }
        }
        if (gone.isEmpty()) {
            return;
        }
        for (long ref : gone) {
            posts.remove(ref);
        }
        for (long key : touched) {
            long[] bucket = buckets.get(key);
            if (bucket == null) {
                continue;
            }
            long[] kept = Arrays.stream(bucket).filter(r -> !gone.contains(r)).toArray();
            if (kept.length == 0) {
                buckets.remove(key);
            } else if (kept.length < bucket.length) {
                buckets.put(key, kept);
            }
        }
        if (posts.isEmpty()) {
            lastRef.clear();
        }
    }
}
