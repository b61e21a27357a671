package ru.tsur.bench;

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
import ru.tsur.dedup.CopyIndex;
import ru.tsur.dedup.DedupOptions;
import ru.tsur.dedup.Sketcher;
import ru.tsur.dedup.TextSketch;

/**
 * Dedup throughput: sketching alone (canonical text, 5-shingles, 128 multiply-add hashes) and the whole decision
 * (sketch + every band bucket's lookup, confirmation and insert) against an index already holding {@code inState}
 * posts. The index holds the same entries the band operator keeps in Flink state (heap backend), so the setup's
 * printed heap per post is the state's memory per post. Run: {@code scripts/bench-dedup}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DedupBench extends CpuClock {
    @Param({"1000000"})
    public int inState;

    /** LSH bands × rows; the default options use 42x3 */
    @Param({"42x3"})
    public String lsh;

    /** Words of the hand-written complaints: generated texts share their vocabulary, not their sentences. */
    private static final String[] WORDS = vocabulary();

    private DedupOptions opts;
    private Sketcher sketcher;
    private CopyIndex index;
    private String[] fresh;
    private int next;
    private long ts;

    private static String[] vocabulary() {
        try (var in = DedupBench.class.getResourceAsStream("/dedup/seeds.tsv")) {
            String all = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return java.util.Arrays.stream(ru.tsur.dedup.CopyText.canonical(all).split(" "))
                    .filter(w -> w.length() > 1 && !w.chars().allMatch(Character::isDigit))
                    .toArray(String[]::new); // with repeats: frequent words stay frequent
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static String text(SplittableRandom rnd) {
        StringBuilder sb = new StringBuilder();
        int n = 15 + rnd.nextInt(35);
        for (int i = 0; i < n; i++) {
            sb.append(WORDS[rnd.nextInt(WORDS.length)]).append(' ');
            if (rnd.nextInt(12) == 0) {
                sb.append(1 + rnd.nextInt(120)).append(' ');
            }
        }
        return sb.toString();
    }

    @Setup(Level.Trial)
    public void fill() {
        String[] br = lsh.split("x");
        opts = DedupOptions.DEFAULT.withBands(Integer.parseInt(br[0]), Integer.parseInt(br[1]));
        sketcher = opts.sketcher();
        index = new CopyIndex(opts, false);
        SplittableRandom rnd = new SplittableRandom(42);
        long before = usedHeap();
        for (int i = 0; i < inState; i++) {
            index.add("vk:wall-" + i, ts, sketcher.sketch(text(rnd)));
            ts += 100;
        }
        long after = usedHeap();
        System.out.printf("%n[dedup-bench] posts=%d band entries=%d buckets=%d heap=%d MB → %.0f bytes/post, %.1f "
                        + "bytes/band entry%n", inState, index.entries(), index.buckets(), (after - before) >> 20,
                (double) (after - before) / inState, (double) (after - before) / index.entries());
        fresh = new String[100_000];
        for (int i = 0; i < fresh.length; i++) {
            fresh[i] = text(rnd);
        }
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    /** Sketching alone needs no index: a class of its own, so measuring it does not pay for the 1 M-post fill. */
    @State(Scope.Thread)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public static class Sketching extends CpuClock {
        private final Sketcher sketcher = DedupOptions.DEFAULT.sketcher();
        private final String[] texts = new String[10_000];
        private int next;

        @Setup(Level.Trial)
        public void make() {
            SplittableRandom rnd = new SplittableRandom(7);
            for (int i = 0; i < texts.length; i++) {
                texts[i] = text(rnd);
            }
        }

        @Benchmark
        public TextSketch sketchOnly() {
            ops++;
            return sketcher.sketch(texts[next++ % texts.length]);
        }
    }

    @Benchmark
    public CopyIndex.Decision decideAgainstFullIndex() {
        ts += 100;
        int i = next++;
        ops++;
        return index.add("tg:" + i, ts, sketcher.sketch(fresh[i % fresh.length]));
    }
}
