package ru.tsur.dedup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by band shard ({@link BandShards}): the LSH band buckets of earlier posts whose band keys fall in this shard,
 * one map entry per band key. For each probe it confirms candidates in each of the post's buckets here
 * ({@link CopyMatch#inBucket}), votes for the earliest confirmed root and stores the post in each bucket with the root
 * that bucket confirmed (band-local roots, as {@link CopyIndex} decides). Entries are removed by an event-time timer a
 * horizon after their post (the buckets to clean are listed per expiry time); with event-time order on, probes wait
 * for the watermark so every bucket sees posts in the same order.
 */
final class BandMatcher extends KeyedProcessFunction<Integer, BandProbe, Vote> {
    private final DedupOptions opts;
    private transient MapState<Long, List<BandEntry>> buckets;
    private transient MapState<Long, long[]> expiries;
    private transient EventTimeBuffer<BandProbe> buffer;

    BandMatcher(DedupOptions opts) {
        this.opts = opts;
    }

    @Override
    public void open(OpenContext ctx) {
        buckets = getRuntimeContext().getMapState(new MapStateDescriptor<>("band-buckets", Types.LONG,
                new ListTypeInfo<>(BandEntry.class)));
        expiries = getRuntimeContext().getMapState(new MapStateDescriptor<>("band-expiries", Types.LONG,
                PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
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
        expire(time);
    }

    private void match(BandProbe probe, Context ctx, Collector<Vote> out) throws Exception {
        CopyMatch.TextSketchBits sketch = probe.sketch();
        long[] keys = probe.bandKeys;
        List<BandEntry>[] found = bucketsOf(keys);
        CopyMatch[] local = new CopyMatch[keys.length];
        CopyMatch best = null;
        for (int i = 0; i < keys.length; i++) {
            if (found[i] != null) {
                local[i] = CopyMatch.inBucket(found[i], probe.ts, sketch, opts.numHashes(), opts.rule(),
                        opts.horizonMillis());
                best = CopyMatch.earliest(best, local[i]);
            }
        }
        out.collect(Vote.of(probe, best));
        if (!probe.store) {
            return;
        }
        long expiry = probe.ts + opts.horizonMillis();
        EventTimeBuffer.cleanupAt(ctx.timerService(), expiry);
        for (int i = 0; i < keys.length; i++) {
            CopyMatch m = local[i];
            BandEntry e = m == null
                    ? new BandEntry(probe.postId, probe.ts, probe.ts, sketch.fingerprint(), sketch.shingles(),
                            sketch.numbers(), sketch.bits())
                    : new BandEntry(m.rootId(), m.rootTs(), probe.ts, sketch.fingerprint(), sketch.shingles(),
                            sketch.numbers(), sketch.bits());
            List<BandEntry> bucket = found[i] != null ? found[i] : new ArrayList<>(2);
            CopyMatch.addBounded(bucket, e, opts.maxBucket());
            buckets.put(keys[i], bucket);
        }
        long[] due = expiries.get(expiry);
        expiries.put(expiry, due == null ? keys : concat(due, keys));
    }

    @SuppressWarnings("unchecked")
    private List<BandEntry>[] bucketsOf(long[] keys) throws Exception {
        List<BandEntry>[] found = new List[keys.length];
        for (int i = 0; i < keys.length; i++) {
            found[i] = buckets.get(keys[i]);
        }
        return found;
    }

    /** Drops the entries stored a horizon before {@code time} from the buckets that got one then. */
    private void expire(long time) throws Exception {
        long[] keys = expiries.get(time);
        if (keys == null) {
            return;
        }
        expiries.remove(time);
        long limit = time - opts.horizonMillis();
        for (long key : keys) {
            List<BandEntry> bucket = buckets.get(key);
            if (bucket == null || !bucket.removeIf(e -> e.ts <= limit)) {
                continue;
            }
            if (bucket.isEmpty()) {
                buckets.remove(key);
            } else {
                buckets.put(key, bucket);
            }
        }
    }

    private static long[] concat(long[] a, long[] b) {
        long[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
