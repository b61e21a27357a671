package ru.tsur.dedup;

import java.io.Serializable;
import java.time.Duration;

/**
 * Settings of copy detection, validated once. Plain Java (it also configures the evaluator and the benchmark).
 *
 * @param horizon        copies are merged with posts at most this far apart; band state expires after it
 * @param shingleSize    characters per shingle
 * @param numHashes      MinHash signature length (a multiple of 32: sketches pack 32 two-bit values per long)
 * @param bands          LSH bands; {@code bands × rows ≤ numHashes}
 * @param rows           signature values per band
 * @param seed           MinHash seed; must not change while state exists
 * @param maxBucket      entries a band bucket keeps (the newest): bounds state per key and the work per probe when
 *                       a text goes viral (thousands of exact copies share every bucket) or a band is uninformative.
 *                       An entry carries the incident its post joined, so the newest few of a bucket already lead to
 *                       it: 16 scores the labelled set as 64 does (down to 8), and on the benchmark's templated stream
 *                       it halves the band work and chains fewer different complaints together
 *                       ({@code scripts/eval-dedup-generated}, docs/performance.md)
 * @param rule           when a candidate is confirmed as a copy
 * @param eventTimeOrder resolve posts in publication order (buffered until the watermark passes) so that results
 *                       do not depend on parallelism or arrival order; false resolves on arrival (no watermarks
 *                       needed, but concurrent copies may split)
 * @param shards         band buckets are grouped into this many keyed shards: a post sends one probe per shard its
 *                       bands fall in (about {@code shards}) instead of one per band (42), which is what the
 *                       shuffle, the event-time buffer and the timers pay for. It bounds the useful parallelism of
 *                       the band operator; changing it needs a fresh start of the dedup state (like {@code seed}).
 *                       Each shard keeps its own copy of a stored post's sketch and confirms a candidate once for
 *                       all its buckets, so fewer shards also mean less state and less work: on 2 cores 4 measured
 *                       20 % less band CPU than 8, and 2 (the default, one shard per task at parallelism 2) 40 %
 *                       less than 4 (configuration key {@code dedup.shards})
 */
public record DedupOptions(Duration horizon, int shingleSize, int numHashes, int bands, int rows, long seed,
                           int maxBucket, CopyRule rule, boolean eventTimeOrder, int shards) implements Serializable {

    public static final DedupOptions DEFAULT =
            new DedupOptions(Duration.ofDays(7), 5, 128, 42, 3, 0x5EEDD0D0L, 16, CopyRule.DEFAULT, true, 2);

    public DedupOptions {
        if (horizon == null || horizon.isNegative() || horizon.isZero()) {
            throw new IllegalArgumentException("dedup.horizon must be positive: " + horizon);
        }
        if (numHashes <= 0 || numHashes % 32 != 0) {
            throw new IllegalArgumentException("dedup.numHashes must be a positive multiple of 32: " + numHashes);
        }
        if (bands <= 0 || rows <= 0 || bands * rows > numHashes) {
            throw new IllegalArgumentException(
                    "dedup.bands × dedup.rows must be positive and ≤ numHashes: " + bands + "×" + rows);
        }
        if (shingleSize < 1) {
            throw new IllegalArgumentException("dedup.shingleSize must be >= 1: " + shingleSize);
        }
        if (maxBucket < 1) {
            throw new IllegalArgumentException("dedup.maxBucket must be >= 1: " + maxBucket);
        }
        if (shards < 1) {
            throw new IllegalArgumentException("dedup.shards must be >= 1: " + shards);
        }
        if (rule == null) {
            throw new IllegalArgumentException("dedup.rule is required");
        }
    }

    public DedupOptions withHorizon(Duration h) {
        return new DedupOptions(h, shingleSize, numHashes, bands, rows, seed, maxBucket, rule, eventTimeOrder, shards);
    }

    public DedupOptions withBands(int b, int r) {
        return new DedupOptions(horizon, shingleSize, numHashes, b, r, seed, maxBucket, rule, eventTimeOrder, shards);
    }

    public DedupOptions withRule(CopyRule r) {
        return new DedupOptions(horizon, shingleSize, numHashes, bands, rows, seed, maxBucket, r, eventTimeOrder, shards);
    }

    public DedupOptions withEventTimeOrder(boolean on) {
        return new DedupOptions(horizon, shingleSize, numHashes, bands, rows, seed, maxBucket, rule, on, shards);
    }

    public DedupOptions withMaxBucket(int m) {
        return new DedupOptions(horizon, shingleSize, numHashes, bands, rows, seed, m, rule, eventTimeOrder, shards);
    }

    public DedupOptions withShards(int s) {
        return new DedupOptions(horizon, shingleSize, numHashes, bands, rows, seed, maxBucket, rule, eventTimeOrder, s);
    }

    public Sketcher sketcher() {
        return new Sketcher(shingleSize, numHashes, seed);
    }

    public long horizonMillis() {
        return horizon.toMillis();
    }
}
