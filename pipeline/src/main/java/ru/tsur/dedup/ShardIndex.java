package ru.tsur.dedup;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The band buckets of one shard and the posts stored in them, in primitive arrays: what {@link CopyIndex} decides,
 * for the buckets whose band keys fall in this shard. Flink-free; {@link BandShardOperator} keeps one per shard.
 *
 * <p>Why arrays: in a crowded stream a probe meets hundreds of distinct earlier posts in its buckets, and each must be
 * confirmed. Looking each one up in a map of boxed references and chasing its sketch array cost more than half the
 * job's CPU. Here a stored post has a slot; a bucket is a {@code long[]} of entries, oldest first, each the slot and
 * which of the post's band roots this bucket confirmed ({@link #entry}); the numbers that confirm a candidate (time,
 * fingerprint, numbers, shingle count, sketch) sit next to each other in one {@code long[]} row per slot, and a
 * candidate already confirmed for this probe is recognised by a stamp per slot, not a hash set.
 * A slot is reused only after its post has expired and left every bucket.
 */
final class ShardIndex {
    private static final int FORMAT = 1;
    /** row layout: ts, fingerprint, numbers, shingles, then the sketch words */
    private static final int TS = 0, FP = 1, NUMBERS = 2, SHINGLES = 3, BITS = 4;

    private final DedupOptions opts;
    private final int words;
    private final int stride;

    private long[] rows = new long[0];
    private String[] ids = new String[0];
    /** per slot: the post's band keys in this shard */
    private long[][] bandKeys = new long[0][];
    /** per slot and band key: the root that bucket confirmed, null where the post is the bucket's root */
    private String[][] rootIds = new String[0][];
    private long[][] rootTs = new long[0][];
    private int[] stamp = new int[0];
    private byte[] evidence = new byte[0];
    /** slots below this have been used; the free ones among them are on {@link #free} */
    private int highWater;
    private int[] free = new int[16];
    private int freeCount;
    private int live;
    private int probeSeq;
    private final LongArrayMap buckets = new LongArrayMap();

    /**
     * A bucket entry: the slot, and the index of the root this bucket confirmed for the post in its root arrays
     * ({@code rootIds[slot][i]}), or none when the post is this bucket's own root.
     */
    private static long entry(int slot, int rootIndex) {
        return ((long) slot << 8) | (rootIndex + 1);
    }

    private static int slotOf(long entry) {
        return (int) (entry >>> 8);
    }

    private static int rootIndexOf(long entry) {
        return (int) (entry & 0xFF) - 1;
    }

    ShardIndex(DedupOptions opts) {
        this.opts = opts;
        this.words = opts.numHashes() / 32;
        this.stride = BITS + words;
        if (opts.bands() > 0xFF - 1) {
            throw new IllegalArgumentException("a bucket entry has room for 254 band roots, not " + opts.bands());
        }
    }

    /** Stored posts. */
    int size() {
        return live;
    }

    /** Buckets holding at least one post. */
    int buckets() {
        return buckets.size();
    }

    /**
     * The earliest confirmed root over the probe's buckets (null: no copy here); stores the post, with the root each
     * of its buckets confirmed, when the probe says so.
     */
    CopyMatch match(BandProbe probe) {
        long[] keys = probe.bandKeys;
        long[][] found = new long[keys.length][];
        nextProbe();
        for (int i = 0; i < keys.length; i++) {
            found[i] = buckets.get(keys[i]);
            if (found[i] != null) {
                for (long e : found[i]) {
                    int s = slotOf(e);
                    if (stamp[s] != probeSeq) {
                        stamp[s] = probeSeq;
                        evidence[s] = (byte) evidence(probe, s).ordinal();
                    }
                }
            }
        }
        CopyMatch[] local = new CopyMatch[keys.length];
        CopyMatch best = null;
        for (int i = 0; i < keys.length; i++) {
            local[i] = found[i] == null ? null : earliestIn(found[i]);
            best = CopyMatch.earliest(best, local[i]);
        }
        if (probe.store) {
            int slot = store(probe, local);
            for (int i = 0; i < keys.length; i++) {
                buckets.put(keys[i], added(found[i], entry(slot, local[i] == null ? -1 : i), probe.ts));
            }
        }
        return best;
    }

    private void nextProbe() {
        if (++probeSeq == 0) { // wrapped: forget every stamp once
            Arrays.fill(stamp, 0);
            probeSeq = 1;
        }
    }

    private CopyMatch.Evidence evidence(BandProbe probe, int slot) {
        int o = slot * stride;
        return CopyMatch.evidence(probe.ts, probe.fingerprint, probe.shingles, probe.numbers, probe.bits, 0,
                rows[o + TS], rows[o + FP], (int) rows[o + SHINGLES], rows[o + NUMBERS], rows, o + BITS,
                opts.numHashes(), opts.rule(), opts.horizonMillis());
    }

    /**
     * The bucket's earliest confirmed root, each entry standing for the root it got in this bucket — what
     * {@link CopyMatch#inBucket} finds (on the same root, exact evidence wins).
     */
    private CopyMatch earliestIn(long[] bucket) {
        String rootId = null;
        long rootTsOf = 0;
        boolean exact = false;
        for (long e : bucket) {
            int s = slotOf(e);
            byte ev = evidence[s];
            if (ev == CopyMatch.Evidence.NONE.ordinal()) {
                continue;
            }
            int r = rootIndexOf(e);
            String id = r < 0 ? ids[s] : rootIds[s][r];
            long ts = r < 0 ? rows[s * stride + TS] : rootTs[s][r];
            boolean ex = ev == CopyMatch.Evidence.EXACT.ordinal();
            int order = rootId == null ? -1 : CopyMatch.order(ts, id, rootTsOf, rootId);
            if (order < 0) {
                rootId = id;
                rootTsOf = ts;
                exact = ex;
            } else if (order == 0) {
                exact |= ex;
            }
        }
        return rootId == null ? null : new CopyMatch(rootId, rootTsOf, exact);
    }

    private int store(BandProbe probe, CopyMatch[] local) {
        int slot = freeCount > 0 ? free[--freeCount] : highWater++;
        ensureCapacity(highWater);
        int o = slot * stride;
        rows[o + TS] = probe.ts;
        rows[o + FP] = probe.fingerprint;
        rows[o + NUMBERS] = probe.numbers;
        rows[o + SHINGLES] = probe.shingles;
        System.arraycopy(probe.bits, 0, rows, o + BITS, words);
        ids[slot] = probe.postId;
        bandKeys[slot] = probe.bandKeys;
        String[] roots = null;
        long[] times = null;
        for (int i = 0; i < local.length; i++) {
            if (local[i] != null) {
                if (roots == null) {
                    roots = new String[local.length];
                    times = new long[local.length];
                }
                roots[i] = local[i].rootId();
                times[i] = local[i].rootTs();
            }
        }
        rootIds[slot] = roots;
        rootTs[slot] = times;
        stamp[slot] = 0;
        live++;
        return slot;
    }

    /**
     * A bucket with {@code entry} appended (a new array), without its oldest entry when that makes it longer than
     * {@code maxBucket} — the first of the earliest, as {@link CopyMatch#addBounded} evicts.
     */
    private long[] added(long[] bucket, long entry, long ts) {
        if (bucket == null) {
            return new long[] {entry};
        }
        long[] out = Arrays.copyOf(bucket, bucket.length + 1);
        out[bucket.length] = entry;
        if (out.length <= opts.maxBucket()) {
            return out;
        }
        int oldest = 0;
        long oldestTs = Long.MAX_VALUE;
        for (int i = 0; i < out.length; i++) {
            long t = i == bucket.length ? ts : rows[slotOf(out[i]) * stride + TS];
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

    /** Forgets the posts published at or before {@code limit} and their bucket entries; returns how many. */
    int expire(long limit) {
        nextProbe(); // the stamp marks the expired slots
        int gone = 0;
        for (int s = 0; s < highWater; s++) {
            if (ids[s] != null && rows[s * stride + TS] <= limit) {
                stamp[s] = probeSeq;
                gone++;
            }
        }
        if (gone == 0) {
            return 0;
        }
        for (int s = 0; s < highWater; s++) {
            if (ids[s] == null || stamp[s] != probeSeq) {
                continue;
            }
            for (long key : bandKeys[s]) {
                long[] bucket = buckets.get(key);
                if (bucket != null) {
                    int n = 0;
                    for (long x : bucket) {
                        n += stamp[slotOf(x)] != probeSeq ? 1 : 0;
                    }
                    if (n == 0) {
                        buckets.remove(key);
                    } else if (n < bucket.length) {
                        long[] kept = new long[n];
                        int k = 0;
                        for (long x : bucket) {
                            if (stamp[slotOf(x)] != probeSeq) {
                                kept[k++] = x;
                            }
                        }
                        buckets.put(key, kept);
                    }
                }
            }
        }
        for (int s = 0; s < highWater; s++) {
            if (ids[s] != null && stamp[s] == probeSeq) {
                release(s);
            }
        }
        if (live == 0) { // start afresh: no free list over an empty array
            highWater = 0;
            freeCount = 0;
        }
        return gone;
    }

    private void release(int s) {
        ids[s] = null;
        bandKeys[s] = null;
        rootIds[s] = null;
        rootTs[s] = null;
        stamp[s] = 0;
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, free.length * 2);
        }
        free[freeCount++] = s;
        live--;
    }

    private void ensureCapacity(int slots) {
        if (slots <= ids.length) {
            return;
        }
        int n = Math.max(slots, Math.max(64, ids.length + (ids.length >> 1)));
        rows = Arrays.copyOf(rows, n * stride);
        ids = Arrays.copyOf(ids, n);
        bandKeys = Arrays.copyOf(bandKeys, n);
        rootIds = Arrays.copyOf(rootIds, n);
        rootTs = Arrays.copyOf(rootTs, n);
        stamp = Arrays.copyOf(stamp, n);
        evidence = Arrays.copyOf(evidence, n);
    }

    /**
     * The whole shard as bytes (keyed state holds them; written at checkpoints only): the live slots with their rows,
     * band keys and roots, then the buckets. Slots keep their numbers, so the buckets restore as they are.
     */
    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + live * (stride * 8 + 160) + buckets.size() * 20);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(FORMAT);
            out.writeInt(words);
            out.writeInt(live);
            for (int s = 0; s < highWater; s++) {
                if (ids[s] == null) {
                    continue;
                }
                out.writeInt(s);
                writeString(out, ids[s]);
                int o = s * stride;
                for (int i = 0; i < stride; i++) {
                    out.writeLong(rows[o + i]);
                }
                long[] keys = bandKeys[s];
                out.writeInt(keys.length);
                for (long k : keys) {
                    out.writeLong(k);
                }
                String[] roots = rootIds[s];
                out.writeBoolean(roots != null);
                if (roots != null) {
                    for (int i = 0; i < roots.length; i++) {
                        out.writeBoolean(roots[i] != null);
                        if (roots[i] != null) {
                            writeString(out, roots[i]);
                            out.writeLong(rootTs[s][i]);
                        }
                    }
                }
            }
            out.writeInt(buckets.size());
            buckets.writeEach((key, entries) -> {
                out.writeLong(key);
                out.writeInt(entries.length);
                for (long x : entries) {
                    out.writeLong(x);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static ShardIndex fromBytes(byte[] data, DedupOptions opts) {
        ShardIndex x = new ShardIndex(opts);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int format = in.readInt();
            int words = in.readInt();
            if (format != FORMAT || words != x.words) {
                throw new IllegalStateException("shard index of format " + format + " with " + words
                        + " sketch words cannot be read by format " + FORMAT + " with " + x.words);
            }
            int n = in.readInt();
            for (int k = 0; k < n; k++) {
                int s = in.readInt();
                x.ensureCapacity(s + 1);
                x.highWater = Math.max(x.highWater, s + 1);
                x.ids[s] = readString(in);
                int o = s * x.stride;
                for (int i = 0; i < x.stride; i++) {
                    x.rows[o + i] = in.readLong();
                }
                long[] keys = new long[in.readInt()];
                for (int i = 0; i < keys.length; i++) {
                    keys[i] = in.readLong();
                }
                x.bandKeys[s] = keys;
                if (in.readBoolean()) {
                    String[] roots = new String[keys.length];
                    long[] times = new long[keys.length];
                    for (int i = 0; i < keys.length; i++) {
                        if (in.readBoolean()) {
                            roots[i] = readString(in);
                            times[i] = in.readLong();
                        }
                    }
                    x.rootIds[s] = roots;
                    x.rootTs[s] = times;
                }
            }
            x.live = n;
            for (int s = x.highWater - 1; s >= 0; s--) {
                if (x.ids[s] == null) {
                    if (x.freeCount == x.free.length) {
                        x.free = Arrays.copyOf(x.free, x.free.length * 2);
                    }
                    x.free[x.freeCount++] = s;
                }
            }
            int b = in.readInt();
            for (int k = 0; k < b; k++) {
                long key = in.readLong();
                long[] entries = new long[in.readInt()];
                for (int i = 0; i < entries.length; i++) {
                    entries[i] = in.readLong();
                }
                x.buckets.put(key, entries);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return x;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
