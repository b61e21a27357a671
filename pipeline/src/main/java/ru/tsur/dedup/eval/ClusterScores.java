package ru.tsur.dedup.eval;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Quality of a clustering against the truth: B-cubed (per item: how much of its predicted cluster shares its true
 * cluster, and how much of its true cluster it was put with; averaged over items) and pairwise (over all pairs of
 * items in the same predicted / true cluster). An item without a predicted cluster is a cluster of its own.
 */
public record ClusterScores(int items, int trueClusters, int predictedClusters,
                            double bcubedPrecision, double bcubedRecall, double pairPrecision, double pairRecall) {

    /** One labelled item: its id, the true cluster and the predicted cluster (incident id; null = alone). */
    public record Item(String id, String truth, String predicted) {}

    public double bcubedF1() {
        return f1(bcubedPrecision, bcubedRecall);
    }

    public double pairF1() {
        return f1(pairPrecision, pairRecall);
    }

    private static double f1(double p, double r) {
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public static ClusterScores of(List<Item> items) {
        Map<String, Integer> trueSize = new HashMap<>();
        Map<String, Integer> predSize = new HashMap<>();
        Map<String, Integer> both = new HashMap<>();
        for (Item it : items) {
            String pred = predictedKey(it);
            trueSize.merge(it.truth(), 1, Integer::sum);
            predSize.merge(pred, 1, Integer::sum);
            both.merge(it.truth() + '\u0000' + pred, 1, Integer::sum);
        }
        double p = 0;
        double r = 0;
        for (Item it : items) {
            String pred = predictedKey(it);
            double common = both.get(it.truth() + '\u0000' + pred);
            p += common / predSize.get(pred);
            r += common / trueSize.get(it.truth());
        }
        long tp = 0;
        for (int n : both.values()) {
            tp += pairs(n);
        }
        long predPairs = predSize.values().stream().mapToLong(ClusterScores::pairs).sum();
        long truePairs = trueSize.values().stream().mapToLong(ClusterScores::pairs).sum();
        int n = items.size();
        return new ClusterScores(n, trueSize.size(), predSize.size(), n == 0 ? 0 : p / n, n == 0 ? 0 : r / n,
                predPairs == 0 ? 1 : (double) tp / predPairs, truePairs == 0 ? 1 : (double) tp / truePairs);
    }

    private static String predictedKey(Item it) {
        return it.predicted() == null ? "\u0001" + it.id() : it.predicted();
    }

    private static long pairs(long n) {
        return n * (n - 1) / 2;
    }

    public String summary() {
        return String.format(java.util.Locale.ROOT,
                "items=%d true_clusters=%d predicted_clusters=%d%n"
                        + "bcubed precision=%.4f recall=%.4f F1=%.4f%npairwise precision=%.4f recall=%.4f F1=%.4f",
                items, trueClusters, predictedClusters, bcubedPrecision, bcubedRecall, bcubedF1(),
                pairPrecision, pairRecall, pairF1());
    }
}
