package ru.tsur.sla.spike;

import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;

/**
 * Spike rule for one region × sector: posts in the last hour against the hourly average of the previous twelve.
 * Counts are kept in 5-minute buckets and the rule is evaluated at bucket ends, so the result depends only on event
 * time, never on arrival order. A spike needs at least {@code factor}× the baseline and at least {@code minCount}
 * posts; after one, the pair stays quiet for an hour (no alert storms).
 */
public final class SpikeRule {
    public static final long BUCKET_MS = 5 * 60_000L;
    public static final long WINDOW_MS = 60 * 60_000L;
    public static final int BASELINE_HOURS = 12;
    public static final long HORIZON_MS = WINDOW_MS * (BASELINE_HOURS + 1);
    public static final long THROTTLE_MS = WINDOW_MS;

    /** A detected spike: {@code lastHour} posts in (windowEnd − 1 h, windowEnd] against {@code baselinePerHour}. */
    public record Spike(long windowEnd, int lastHour, double baselinePerHour) {}

    private final double factor;
    private final int minCount;

    public SpikeRule(double factor, int minCount) {
        if (factor <= 1.0 || minCount < 1) {
            throw new IllegalArgumentException("spike factor must be > 1 and min count >= 1: " + factor + ", "
                    + minCount);
        }
        this.factor = factor;
        this.minCount = minCount;
    }

    public static long bucketOf(long ts) {
        return Math.floorDiv(ts, BUCKET_MS) * BUCKET_MS;
    }

    /**
     * @param buckets bucket start → post count
     * @param windowEnd a bucket boundary
     * @param lastSpikeAt window end of the previous spike of this pair, or 0
     */
    public Optional<Spike> evaluate(NavigableMap<Long, Integer> buckets, long windowEnd, long lastSpikeAt) {
        if (lastSpikeAt > 0 && windowEnd - lastSpikeAt < THROTTLE_MS) {
            return Optional.empty();
        }
        long windowStart = windowEnd - WINDOW_MS;
        int last = sum(buckets.subMap(windowStart, true, windowEnd, false));
        int base = sum(buckets.subMap(windowEnd - HORIZON_MS, true, windowStart, false));
        double avg = base / (double) BASELINE_HOURS;
        if (last >= minCount && last >= factor * avg) {
            return Optional.of(new Spike(windowEnd, last, avg));
        }
        return Optional.empty();
    }

    /** Drops buckets that can no longer matter at {@code now}. */
    public static void prune(NavigableMap<Long, Integer> buckets, long now) {
        buckets.headMap(now - HORIZON_MS, false).clear();
    }

    private static int sum(Map<Long, Integer> m) {
        int s = 0;
        for (int v : m.values()) {
            s += v;
        }
        return s;
    }

    public double factor() {
        return factor;
    }

    public int minCount() {
        return minCount;
    }
}
