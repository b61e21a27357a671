package ru.tsur.dedup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by LSH band key: the bucket of earlier posts that share this band. For each probe it confirms candidates
 * ({@link CopyMatch#inBucket}), votes for the earliest confirmed root and stores the post with that root. Entries are
 * removed by an event-time timer a horizon after their post; with event-time order on, probes wait for the
 * watermark so every band sees posts in the same order.
 */
final class BandMatcher extends KeyedProcessFunction<Long, BandProbe, Vote> {
    private final DedupOptions opts;
    private transient ListState<BandEntry> entries;
    private transient EventTimeBuffer<BandProbe> buffer;

    BandMatcher(DedupOptions opts) {
        this.opts = opts;
    }

    @Override
    public void open(OpenContext ctx) {
        entries = getRuntimeContext().getListState(new ListStateDescriptor<>("band-entries", BandEntry.class));
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
        List<BandEntry> bucket = new ArrayList<>();
        for (BandEntry e : entries.get()) {
            bucket.add(e);
        }
        CopyMatch m = CopyMatch.inBucket(bucket, probe.ts, sketch, opts.numHashes(), opts.rule(),
                opts.horizonMillis());
        out.collect(Vote.of(probe, m));
        if (!probe.store) {
            return;
        }
        if (!EventTimeBuffer.cleanupAt(ctx.timerService(), probe.ts + opts.horizonMillis())) {
            return; // a late post past its horizon: it votes but nothing later may join it
        }
        BandEntry e = m == null
                ? new BandEntry(probe.postId, probe.ts, probe.ts, sketch.fingerprint(), sketch.shingles(),
                        sketch.numbers(), sketch.bits())
                : new BandEntry(m.rootId(), m.rootTs(), probe.ts, sketch.fingerprint(), sketch.shingles(),
                        sketch.numbers(), sketch.bits());
        if (CopyMatch.addBounded(bucket, e, opts.maxBucket())) {
            entries.update(bucket);
        } else {
            entries.add(e);
        }
    }

    private void expire(long time) throws Exception {
        long limit = time - opts.horizonMillis();
        List<BandEntry> keep = new ArrayList<>();
        boolean removed = false;
        for (BandEntry e : entries.get()) {
            if (e.ts <= limit) {
                removed = true;
            } else {
                keep.add(e);
            }
        }
        if (!removed) {
            return;
        }
        if (keep.isEmpty()) {
            entries.clear();
        } else {
            entries.update(keep);
        }
    }
}
