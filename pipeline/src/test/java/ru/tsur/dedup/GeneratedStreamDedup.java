package ru.tsur.dedup;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.util.Collector;
import ru.tsur.dedup.eval.ClusterScores;
import ru.tsur.generator.EnrichedStream;
import ru.tsur.schema.Post;

/**
 * Dedup on the benchmark's generated stream, against the generator's truth (the complaint each post belongs to):
 * B-cubed and pairwise scores of the reference decision, the size of the incidents it builds, and the thread CPU of
 * sketching and the band-shard indexes, for several {@code maxBucket} values. The labelled set scores quality on
 * hand-checked texts; this shows what the benchmark's templated stream does to both quality and cost.
 * Run: {@code scripts/eval-dedup-generated [posts] [maxBucket…]}.
 */
public final class GeneratedStreamDedup {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 150_000;
        int[] maxBuckets = args.length > 1
                ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray() : new int[] {64, 16};
        EnrichedStream stream = new EnrichedStream(1);
        List<Post> posts = new ArrayList<>();
        Map<String, String> truth = new HashMap<>();
        while (posts.size() < n) {
            EnrichedStream.Item item = stream.next();
            Post p = item.post();
            posts.add(p);
            truth.put(p.getId(), item.generated().cluster() == null ? p.getId() : item.generated().cluster());
        }
        for (int maxBucket : maxBuckets) {
            DedupOptions opts = DedupOptions.DEFAULT.withMaxBucket(maxBucket);
            SequentialDedup reference = new SequentialDedup(opts, false);
            List<ClusterScores.Item> items = new ArrayList<>(posts.size());
            Map<String, Integer> sizes = new HashMap<>();
            for (Post p : posts) {
                String incident = reference.add(p).incidentId();
                items.add(new ClusterScores.Item(p.getId(), truth.get(p.getId()), incident));
                sizes.merge(incident, 1, Integer::sum);
            }
            ClusterScores s = ClusterScores.of(items);
            int[] sorted = sizes.values().stream().mapToInt(Integer::intValue).sorted().toArray();
            System.out.printf("posts=%d maxBucket=%d: true complaints %d, incidents %d (size p50 %d, p99 %d, max %d); "
                            + "B-cubed P=%.3f R=%.3f; pairwise P=%.4f R=%.3f; sketch + band shards %.1f s CPU%n",
                    n, maxBucket, s.trueClusters(), s.predictedClusters(), sorted[sorted.length / 2],
                    sorted[sorted.length * 99 / 100], sorted[sorted.length - 1], s.bcubedPrecision(),
                    s.bcubedRecall(), s.pairPrecision(), s.pairRecall(), shardCpuSeconds(posts, opts));
        }
    }

    /** Thread CPU of sketching every post and matching its probes against one {@link ShardIndex} per shard. */
    private static double shardCpuSeconds(List<Post> posts, DedupOptions opts) {
        SketchPosts sketch = new SketchPosts(opts);
        sketch.open(null);
        Map<Integer, ShardIndex> shards = new HashMap<>();
        List<BandProbe> probes = new ArrayList<>();
        Collector<BandProbe> out = new Collector<>() {
            @Override
            public void collect(BandProbe p) {
                probes.add(p);
            }

            @Override
            public void close() {}
        };
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long t0 = threads.getCurrentThreadCpuTime();
        for (Post p : posts) {
            probes.clear();
            sketch.probes(p, out);
            for (BandProbe b : probes) {
                if (!b.passThrough()) {
                    shards.computeIfAbsent(b.shardKey, k -> new ShardIndex(opts)).match(b);
                }
            }
        }
        return (threads.getCurrentThreadCpuTime() - t0) / 1e9;
    }
}
