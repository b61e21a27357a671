package ru.tsur.dedup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import ru.tsur.bench.CpuClock;
import ru.tsur.bench.DedupBench;

/**
 * The band step as it runs in the job ({@link ShardIndex}, one per shard, fed the probes {@link SketchPosts} makes),
 * with {@code inState} posts stored: a new post's decision (sketch, probes, candidates confirmed, stored). Where
 * {@link DedupBench} measures the plain-Java reference {@link CopyIndex} with the same texts.
 * Run: {@code BENCH=ru.tsur.dedup.ShardIndexBench scripts/bench-dedup}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ShardIndexBench extends CpuClock {
    @Param({"1000000"})
    public int inState;

    private final DedupOptions opts = DedupOptions.DEFAULT;
    private final BandShards shards = new BandShards(opts.shards());
    private Sketcher sketcher;
    private ShardIndex[] indexes;
    private String[] fresh;
    private int next;
    private long ts;
    private long decided;

    @Setup(Level.Trial)
    public void fill() {
        sketcher = opts.sketcher();
        indexes = new ShardIndex[shards.count()];
        for (int s = 0; s < indexes.length; s++) {
            indexes[s] = new ShardIndex(opts);
        }
        SplittableRandom rnd = new SplittableRandom(42);
        long before = usedHeap();
        for (int i = 0; i < inState; i++) {
            decide("vk:wall-" + i, DedupBench.text(rnd));
        }
        long after = usedHeap();
        int buckets = 0;
        for (ShardIndex x : indexes) {
            buckets += x.buckets();
        }
        System.out.printf("%n[shard-index-bench] posts=%d shards=%d buckets=%d heap=%d MB → %.0f bytes/post%n",
                inState, indexes.length, buckets, (after - before) >> 20, (double) (after - before) / inState);
        fresh = new String[100_000];
        for (int i = 0; i < fresh.length; i++) {
            fresh[i] = DedupBench.text(rnd);
        }
    }

    private CopyMatch decide(String id, String text) {
        ts += 100;
        if (++decided % 10_000 == 0) { // what a checkpoint does: the log of stored posts is handed over
            for (ShardIndex x : indexes) {
                x.drainLog();
            }
        }
        CopyMatch[] best = new CopyMatch[1];
        SketchPosts.probes(id, ts, sketcher.sketch(text), true, shards, opts,
                p -> best[0] = CopyMatch.earliest(best[0], indexes[shardOf(p.shardKey)].match(p)));
        return best[0];
    }

    private int shardOf(int shardKey) {
        for (int s = 0; s < indexes.length; s++) {
            if (shards.key(s) == shardKey) {
                return s;
            }
        }
        throw new IllegalStateException("no shard with key " + shardKey);
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    @Benchmark
    public CopyMatch decideAgainstFullIndex() {
        int i = next++;
        ops++;
        return decide("tg:" + i, fresh[i % fresh.length]);
    }
}
