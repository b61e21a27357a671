package ru.tsur.dedup.eval;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import ru.tsur.dedup.DedupDecision;
import ru.tsur.dedup.DedupOptions;
import ru.tsur.dedup.SequentialDedup;

/**
 * Scores dedup on a labelled set: either the incident ids some run produced (e.g. {@code tsur analyze} output) or
 * the reference decision computed here with given options (what the streaming stage decides, in one thread).
 */
public final class DedupEvaluation {
    public static final String BUILTIN_SET = "/dedup/labelled.jsonl";

    private DedupEvaluation() {}

    /** The labelled set shipped with the tests, when on the class path. */
    public static List<LabelledPost> builtin() throws IOException {
        try (InputStream in = DedupEvaluation.class.getResourceAsStream(BUILTIN_SET)) {
            if (in == null) {
                throw new IOException(BUILTIN_SET + " is not on the class path (it is a test resource)");
            }
            return LabelledPost.readJsonLines(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
    }

    /** Reference incident id per post id, posts taken in publication order. */
    public static Map<String, String> reference(List<LabelledPost> set, DedupOptions opts, boolean globalRoots) {
        List<LabelledPost> ordered = new ArrayList<>(set);
        ordered.sort(Comparator.comparing((LabelledPost l) -> l.post().getPublishedAt())
                .thenComparing(l -> l.post().getId()));
        SequentialDedup dedup = new SequentialDedup(opts, globalRoots);
        Map<String, String> incidents = new java.util.HashMap<>();
        for (LabelledPost l : ordered) {
            DedupDecision d = dedup.add(l.post());
            incidents.put(l.post().getId(), d.incidentId());
        }
        return incidents;
    }

    /** Scores predicted incident ids (post id → incident id; missing or null = a cluster of its own). */
    public static ClusterScores score(List<LabelledPost> set, Map<String, String> predicted) {
        List<ClusterScores.Item> items = new ArrayList<>(set.size());
        for (LabelledPost l : set) {
            items.add(new ClusterScores.Item(l.post().getId(), l.cluster(), predicted.get(l.post().getId())));
        }
        return ClusterScores.of(items);
    }

    /**
     * {@code DedupEvaluation [labelled.jsonl]}: scores the reference decision with the default options, band-local
     * roots (as streamed) and global roots (an upper bound), and sweeps the main thresholds around the defaults.
     */
    public static void main(String[] args) throws IOException {
        List<LabelledPost> set = args.length > 0
                ? LabelledPost.readJsonLines(java.nio.file.Files.newBufferedReader(java.nio.file.Path.of(args[0])))
                : builtin();
        DedupOptions opts = DedupOptions.DEFAULT;
        System.out.println("== default options, band-local roots (the streaming decision)");
        System.out.println(score(set, reference(set, opts, false)).summary());
        System.out.println("== default options, global roots");
        System.out.println(score(set, reference(set, opts, true)).summary());
        System.out.println("== sweep (band-local roots): param value bcubedP bcubedR bcubedF1");
        ru.tsur.dedup.CopyRule r = opts.rule();
        for (double j : new double[] {0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8}) {
            sweepLine(set, opts.withRule(new ru.tsur.dedup.CopyRule(j, r.containment(), Math.min(j, r.containmentJaccard()),
                    r.containmentMin(), r.shortShingles(), r.shortJaccard())), "jaccard", j);
        }
        for (double c : new double[] {0.7, 0.8, 0.9, 1.0}) {
            sweepLine(set, opts.withRule(new ru.tsur.dedup.CopyRule(r.jaccard(), c, r.containmentJaccard(),
                    r.containmentMin(), r.shortShingles(), r.shortJaccard())), "containment", c);
        }
        for (double cj : new double[] {0.2, 0.25, 0.3, 0.35, 0.45}) {
            sweepLine(set, opts.withRule(new ru.tsur.dedup.CopyRule(r.jaccard(), r.containment(), cj,
                    r.containmentMin(), r.shortShingles(), r.shortJaccard())), "containmentJaccard", cj);
        }
        for (double sj : new double[] {0.5, 0.6, 0.7, 0.8, 0.9}) {
            sweepLine(set, opts.withRule(new ru.tsur.dedup.CopyRule(r.jaccard(), r.containment(), r.containmentJaccard(),
                    r.containmentMin(), r.shortShingles(), sj)), "shortJaccard", sj);
        }
        for (int[] br : new int[][] {{16, 4}, {20, 5}, {32, 3}, {32, 4}, {42, 3}, {64, 2}}) {
            sweepLine(set, opts.withBands(br[0], br[1]), "bands×rows=" + br[0] + "x" + br[1], br[0] * br[1]);
        }
    }

    private static void sweepLine(List<LabelledPost> set, DedupOptions o, String param, double v) {
        ClusterScores s = score(set, reference(set, o, false));
        System.out.printf(java.util.Locale.ROOT, "%-22s %5.2f  P=%.4f R=%.4f F1=%.4f%n", param, v,
                s.bcubedPrecision(), s.bcubedRecall(), s.bcubedF1());
    }
}
