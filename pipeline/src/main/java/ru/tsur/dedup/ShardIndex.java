package ru.tsur.dedup;

import java.nio.ByteBuffer;
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
 * candidate already confirmed for this probe is recognised by a mark per slot, not a hash set.
 * A slot is reused only after its post has expired and left every bucket.
 *
 * <p>A bucket array holds its entries in time order (stable: equal times in store order), followed by free room
 * ({@link #FREE}) it grows into by doubling up to {@code maxBucket}. Time order makes the eviction of a full bucket —
 * the first of the earliest entries — its first entry, without reading the rows of all of them; the room lets an
 * entry be added, and a full bucket shift, in place, without a new array (and a map update) per band of every stored
 * post. Posts come in time order, so an entry is nearly always appended at the end ({@link #latestStored}).
 */
final class ShardIndex {
    /** of the log segments ({@link #drainLog}); 2 was the whole-shard image of earlier versions */
    private static final int FORMAT = 3;
    /** row layout: ts, fingerprint, numbers, shingles, then the sketch words */
    private static final int TS = 0, FP = 1, NUMBERS = 2, SHINGLES = 3, BITS = 4;
    /**
     * longs before the first row: with the 16-byte array header, 64-byte rows then start on cache lines (a large
     * array starts a G1 region), so a candidate costs one line fetch instead of two
     */
    private static final int ROW_BASE = 6;

    private final DedupOptions opts;
    private final int words;
    private final int stride;

    private long[] rows = new long[ROW_BASE];
    /** per slot: the numbers, beside the rows, so most candidates (another address) are rejected without their row */
    private long[] numbersOf = new long[0];
    private String[] ids = new String[0];
    /** per slot: the post's band keys in this shard */
    private long[][] bandKeys = new long[0][];
    /**
     * per slot: the root its buckets confirmed when they all confirmed the same one (the common case: a copy joins
     * one incident), in flat arrays that a candidate's root is read from without chasing a per-post object
     */
    private String[] rootId = new String[0];
    private long[] rootTsOf = new long[0];
    /** per slot and band key, only where the buckets confirmed different roots: the root, null for none */
    private String[][] mixedIds = new String[0][];
    private long[][] mixedTs = new long[0][];
    /** per slot: the probe that last looked at it ({@link #probeSeq}) shifted left by 2, or'd with the evidence */
    private int[] mark = new int[0];
    /** slots below this have been used; the free ones among them are on {@link #free} */
    private int highWater;
    private int[] free = new int[16];
    private int freeCount;
    private int live;
    /** below 2^29, so that a mark stays a positive int */
    private int probeSeq;
    private final LongArrayMap buckets = new LongArrayMap();
    /** the posts stored since the last {@link #drainLog}, as log records in store order ({@link #replay}) */
    private Bytes log;
    private long loggedMaxTs = Long.MIN_VALUE;
    /** the latest limit {@link #expire} was called with */
    private long expiredThrough = Long.MIN_VALUE;
    /** the latest time of any post stored: a post at or after it goes to the end of every bucket */
    private long latestStored = Long.MIN_VALUE;

    /** free room at the end of a bucket array; entries are never negative */
    private static final long FREE = -1L;

    /** root code of a bucket entry: the post is this bucket's own root */
    private static final int SELF = 0;
    /** root code: the slot's one root ({@link #rootId}); codes 1–254 are 1 + an index into {@link #mixedIds} */
    private static final int UNIFORM = 0xFF;

    /** A bucket entry: the slot, and which root this bucket confirmed for the post (a root code). */
    private static long entry(int slot, int rootCode) {
        return ((long) slot << 8) | rootCode;
    }

    private static int slotOf(long entry) {
        return (int) (entry >>> 8);
    }

    private static int rootCodeOf(long entry) {
        return (int) (entry & 0xFF);
    }

    ShardIndex(DedupOptions opts) {
        this.opts = opts;
        this.words = opts.numHashes() / 32;
        this.stride = BITS + words;
        if (opts.bands() > UNIFORM - 1) {
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

    /** The ids of a bucket's entries in bucket order (tests). */
    java.util.List<String> bucketIds(long key) {
        long[] bucket = buckets.get(key);
        java.util.List<String> out = new java.util.ArrayList<>();
        for (int i = 0; bucket != null && i < count(bucket); i++) {
            out.add(ids[slotOf(bucket[i])]);
        }
        return out;
    }

    /**
     * The earliest confirmed root over the probe's buckets (null: no copy here); stores the post, with the root each
     * of its buckets confirmed, when the probe says so.
     */
    CopyMatch match(BandProbe probe) {
        long[] keys = probe.bandKeys;
        long[][] found = new long[keys.length][];
        boolean[] hit = new boolean[keys.length];
        int seen = nextProbe() << 2;
        for (int i = 0; i < keys.length; i++) {
            long[] bucket = buckets.get(keys[i]);
            found[i] = bucket;
            if (bucket != null) {
                boolean any = false;
                for (long e : bucket) {
                    if (e == FREE) {
                        break;
                    }
                    int s = slotOf(e);
                    int m = mark[s];
                    if ((m & ~3) != seen) {
                        m = seen | evidence(probe, s);
                        mark[s] = m;
                    }
                    any |= (m & 3) != NONE;
                }
                hit[i] = any;
            }
        }
        CopyMatch[] local = new CopyMatch[keys.length];
        CopyMatch best = null;
        for (int i = 0; i < keys.length; i++) {
            local[i] = hit[i] ? earliestIn(found[i]) : null;
            best = CopyMatch.earliest(best, local[i]);
        }
        if (probe.store) {
            int slot = store(probe, local);
            boolean uniform = mixedIds[slot] == null;
            byte[] codes = new byte[keys.length];
            for (int i = 0; i < keys.length; i++) {
                int code = local[i] == null ? SELF : uniform ? UNIFORM : i + 1;
                codes[i] = (byte) code;
                add(keys[i], found[i], entry(slot, code), probe.ts);
            }
            latestStored = Math.max(latestStored, probe.ts);
            logStored(slot, codes);
        }
        return best;
    }

    private static final int NONE = CopyMatch.Evidence.NONE.ordinal();
    private static final int EXACT = CopyMatch.Evidence.EXACT.ordinal();

    /** A fresh probe number (also marks the slots an expiry drops); on wrapping, every mark is forgotten once. */
    private int nextProbe() {
        if (++probeSeq == 1 << 29) {
            Arrays.fill(mark, 0);
            probeSeq = 1;
        }
        return probeSeq;
    }

    private int row(int slot) {
        return ROW_BASE + slot * stride;
    }

    /** {@link CopyMatch#evidence} of a stored post, as an ordinal; its row is read only when the numbers agree. */
    private int evidence(BandProbe probe, int slot) {
        if (!CopyRule.numbersAgree(probe.numbers, numbersOf[slot])) {
            return NONE;
        }
        int o = row(slot);
        return CopyMatch.evidence(probe.ts, probe.fingerprint, probe.shingles, probe.numbers, probe.bits, 0,
                rows[o + TS], rows[o + FP], (int) rows[o + SHINGLES], rows[o + NUMBERS], rows, o + BITS,
                opts.numHashes(), opts.rule(), opts.horizonMillis()).ordinal();
    }

    /**
     * The bucket's earliest confirmed root, each entry standing for the root it got in this bucket — what
     * {@link CopyMatch#inBucket} finds (on the same root, exact evidence wins).
     */
    private CopyMatch earliestIn(long[] bucket) {
        String bestId = null;
        long bestTs = 0;
        boolean exact = false;
        for (long e : bucket) {
            if (e == FREE) {
                break;
            }
            int s = slotOf(e);
            int ev = mark[s] & 3;
            if (ev == NONE) {
                continue;
            }
            int code = rootCodeOf(e);
            String id;
            long ts;
            if (code == SELF) {
                id = ids[s];
                ts = rows[row(s) + TS];
            } else if (code == UNIFORM) {
                id = this.rootId[s];
                ts = this.rootTsOf[s];
            } else {
                id = mixedIds[s][code - 1];
                ts = mixedTs[s][code - 1];
            }
            boolean ex = ev == EXACT;
            int order = bestId == null ? -1 : CopyMatch.order(ts, id, bestTs, bestId);
            if (order < 0) {
                bestId = id;
                bestTs = ts;
                exact = ex;
            } else if (order == 0) {
                exact |= ex;
            }
        }
        return bestId == null ? null : new CopyMatch(bestId, bestTs, exact);
    }

    /** A slot for a new post: a free one, else the next above the high-water mark. */
    private int newSlot() {
        int slot = freeCount > 0 ? free[--freeCount] : highWater++;
        ensureCapacity(highWater);
        return slot;
    }

    private int store(BandProbe probe, CopyMatch[] local) {
        int slot = newSlot();
        int o = row(slot);
        rows[o + TS] = probe.ts;
        rows[o + FP] = probe.fingerprint;
        rows[o + NUMBERS] = probe.numbers;
        rows[o + SHINGLES] = probe.shingles;
        System.arraycopy(probe.bits, 0, rows, o + BITS, words);
        numbersOf[slot] = probe.numbers;
        ids[slot] = probe.postId;
        bandKeys[slot] = probe.bandKeys;
        CopyMatch first = null;
        boolean mixed = false;
        for (CopyMatch m : local) {
            if (m != null) {
                if (first == null) {
                    first = m;
                } else if (m.rootTs() != first.rootTs() || !m.rootId().equals(first.rootId())) {
                    mixed = true;
                }
            }
        }
        rootId[slot] = first == null || mixed ? null : first.rootId();
        rootTsOf[slot] = first == null || mixed ? 0 : first.rootTs();
        if (mixed) {
            String[] roots = new String[local.length];
            long[] times = new long[local.length];
            for (int i = 0; i < local.length; i++) {
                if (local[i] != null) {
                    roots[i] = local[i].rootId();
                    times[i] = local[i].rootTs();
                }
            }
            mixedIds[slot] = roots;
            mixedTs[slot] = times;
        } else {
            mixedIds[slot] = null;
            mixedTs[slot] = null;
        }
        mark[slot] = 0;
        live++;
        return slot;
    }

    /**
     * Adds {@code entry} (of a post at {@code ts}) to the bucket of {@code key}, currently {@code bucket} (null: none),
     * in time order; a bucket longer than {@code maxBucket} loses its first entry — the first of the earliest, as
     * {@link CopyMatch#addBounded} evicts, which may be the new entry itself. In place where the array has room.
     */
    private void add(long key, long[] bucket, long entry, long ts) {
        if (bucket == null) {
            buckets.put(key, new long[] {entry});
            return;
        }
        int n = count(bucket);
        int slot = slotOf(entry);
        for (int i = 0; i < n; i++) {
            if (slotOf(bucket[i]) == slot) { // the post's second band with this key: its later code stands, as before
                bucket[i] = entry;
                return;
            }
        }
        // after every entry at or before ts; with posts in time order, at the end
        int at = n;
        if (ts < latestStored) {
            while (at > 0 && rows[row(slotOf(bucket[at - 1])) + TS] > ts) {
                at--;
            }
        }
        if (n == opts.maxBucket()) { // full: the first entry goes, the later ones before the new one move up
            if (at == 0) {
                return; // the new entry is the earliest: it would be evicted at once
            }
            System.arraycopy(bucket, 1, bucket, 0, at - 1);
            bucket[at - 1] = entry;
            return;
        }
        long[] out = bucket;
        if (n == bucket.length) {
            out = Arrays.copyOf(bucket, Math.min(2 * n, opts.maxBucket()));
            Arrays.fill(out, n, out.length, FREE);
            buckets.put(key, out);
        }
        System.arraycopy(out, at, out, at + 1, n - at);
        out[at] = entry;
    }

    /** Entries in a bucket array (the rest is free room). */
    private static int count(long[] bucket) {
        int n = bucket.length;
        while (n > 0 && bucket[n - 1] == FREE) {
            n--;
        }
        return n;
    }

    /** Forgets the posts published at or before {@code limit} and their bucket entries; returns how many. */
    int expire(long limit) {
        expiredThrough = Math.max(expiredThrough, limit);
        int expired = nextProbe() << 2; // the mark of the expired slots
        int gone = 0;
        for (int s = 0; s < highWater; s++) {
            if (ids[s] != null && rows[row(s) + TS] <= limit) {
                mark[s] = expired;
                gone++;
            }
        }
        if (gone == 0) {
            return 0;
        }
        // each bucket an expired post was in, once: in a crowded stream many expiring posts share a bucket
        long[] touched = new long[64];
        int t = 0;
        for (int s = 0; s < highWater; s++) {
            if (ids[s] != null && mark[s] == expired) {
                long[] keys = bandKeys[s];
                if (t + keys.length > touched.length) {
                    touched = Arrays.copyOf(touched, Math.max(2 * touched.length, t + keys.length));
                }
                System.arraycopy(keys, 0, touched, t, keys.length);
                t += keys.length;
            }
        }
        Arrays.sort(touched, 0, t);
        for (int i = 0; i < t; i++) {
            if (i == 0 || touched[i] != touched[i - 1]) {
                dropExpired(touched[i], expired);
            }
        }
        for (int s = 0; s < highWater; s++) {
            if (ids[s] != null && mark[s] == expired) {
                release(s);
            }
        }
        if (live == 0) { // start afresh: no free list over an empty array
            highWater = 0;
            freeCount = 0;
        }
        return gone;
    }

    /** Removes from a bucket the entries of the slots marked as expired, in place (order kept). */
    private void dropExpired(long key, int expired) {
        long[] bucket = buckets.get(key);
        if (bucket == null) {
            return;
        }
        int n = count(bucket);
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (mark[slotOf(bucket[i])] != expired) {
                bucket[k++] = bucket[i];
            }
        }
        if (k == 0) {
            buckets.remove(key);
        } else {
            Arrays.fill(bucket, k, n, FREE);
        }
    }

    private void release(int s) {
        ids[s] = null;
        bandKeys[s] = null;
        rootId[s] = null;
        mixedIds[s] = null;
        mixedTs[s] = null;
        mark[s] = 0;
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
        rows = Arrays.copyOf(rows, ROW_BASE + n * stride);
        numbersOf = Arrays.copyOf(numbersOf, n);
        ids = Arrays.copyOf(ids, n);
        bandKeys = Arrays.copyOf(bandKeys, n);
        rootId = Arrays.copyOf(rootId, n);
        rootTsOf = Arrays.copyOf(rootTsOf, n);
        mixedIds = Arrays.copyOf(mixedIds, n);
        mixedTs = Arrays.copyOf(mixedTs, n);
        mark = Arrays.copyOf(mark, n);
    }

    /** A log segment: the posts a shard stored between two checkpoints, and the latest of their times. */
    record LogSegment(byte[] bytes, long maxTs) {}

    private void logStored(int s, byte[] codes) {
        if (log == null) {
            log = new Bytes(16 * 1024);
            log.putInt(FORMAT);
            log.putInt(words);
        }
        log.putString(ids[s]);
        log.putLongs(rows, row(s), stride);
        log.putInt(bandKeys[s].length);
        log.putLongs(bandKeys[s], 0, bandKeys[s].length);
        log.putBytes(codes);
        if (mixedIds[s] != null) {
            log.putByte((byte) 2);
            for (int i = 0; i < mixedIds[s].length; i++) {
                log.putString(mixedIds[s][i]);
                log.putLong(mixedTs[s][i]);
            }
        } else if (rootId[s] != null) {
            log.putByte((byte) 1);
            log.putString(rootId[s]);
            log.putLong(rootTsOf[s]);
        } else {
            log.putByte((byte) 0);
        }
        loggedMaxTs = Math.max(loggedMaxTs, rows[row(s) + TS]);
    }

    /**
     * The posts stored since the last call, as one log segment (null: none, or all expired), and a fresh log. A
     * checkpoint adds the segment to keyed state beside the earlier ones, so it writes what changed instead of an
     * image of every post and bucket of the shard; replaying the segments in order rebuilds the index
     * ({@link #replay}).
     */
    LogSegment drainLog() {
        if (log == null) {
            return null;
        }
        // every post logged since the last segment has expired already: nothing to restore
        LogSegment segment = loggedMaxTs <= expiredThrough ? null : new LogSegment(log.toArray(), loggedMaxTs);
        log = null;
        loggedMaxTs = Long.MIN_VALUE;
        return segment;
    }

    /**
     * Stores the posts of a log segment as they were stored (same rows, roots and bucket entries, in the same order,
     * so buckets evict the same entries). A post that had expired before the checkpoint, or in a later segment's
     * time, comes back until the next expiry scan; it is past the horizon of every post in time order, so it can no
     * longer be confirmed, and it is older than every live entry, so a full bucket evicts it first. Replayed posts
     * are not logged again: their segment is still in keyed state. Returns the latest post time in the segment.
     */
    long replay(byte[] segment) {
        ByteBuffer in = ByteBuffer.wrap(segment);
        int format = in.getInt();
        int w = in.getInt();
        if (format != FORMAT || w != words) {
            throw new IllegalStateException("shard log of format " + format + " with " + w
                    + " sketch words cannot be read by format " + FORMAT + " with " + words);
        }
        long maxTs = Long.MIN_VALUE;
        while (in.hasRemaining()) {
            int s = newSlot();
            ids[s] = getString(in);
            in.asLongBuffer().get(rows, row(s), stride);
            in.position(in.position() + 8 * stride);
            numbersOf[s] = rows[row(s) + NUMBERS];
            long[] keys = new long[in.getInt()];
            in.asLongBuffer().get(keys);
            in.position(in.position() + 8 * keys.length);
            bandKeys[s] = keys;
            byte[] codes = new byte[keys.length];
            in.get(codes);
            byte roots = in.get();
            rootId[s] = null;
            rootTsOf[s] = 0;
            mixedIds[s] = null;
            mixedTs[s] = null;
            if (roots == 2) {
                mixedIds[s] = new String[keys.length];
                mixedTs[s] = new long[keys.length];
                for (int i = 0; i < keys.length; i++) {
                    mixedIds[s][i] = getString(in);
                    mixedTs[s][i] = in.getLong();
                }
            } else if (roots == 1) {
                rootId[s] = getString(in);
                rootTsOf[s] = in.getLong();
            }
            mark[s] = 0;
            live++;
            long ts = rows[row(s) + TS];
            maxTs = Math.max(maxTs, ts);
            for (int i = 0; i < keys.length; i++) {
                add(keys[i], buckets.get(keys[i]), entry(s, codes[i] & 0xFF), ts);
            }
            latestStored = Math.max(latestStored, ts);
        }
        return maxTs;
    }

    /** null for a null string (a mixed root array has gaps) */
    private static String getString(ByteBuffer in) {
        int len = in.getInt();
        if (len < 0) {
            return null;
        }
        String v = new String(in.array(), in.position(), len, StandardCharsets.UTF_8);
        in.position(in.position() + len);
        return v;
    }

    /** A growable big-endian byte array (what {@link ByteBuffer} reads back), without a stream's per-call cost. */
    private static final class Bytes {
        private ByteBuffer buf;

        Bytes(int capacity) {
            buf = ByteBuffer.allocate(Math.max(64, capacity));
        }

        private void room(int n) {
            if (buf.remaining() < n) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + n));
                bigger.put(buf.array(), 0, buf.position());
                buf = bigger;
            }
        }

        void putByte(byte v) {
            room(1);
            buf.put(v);
        }

        void putInt(int v) {
            room(4);
            buf.putInt(v);
        }

        void putLong(long v) {
            room(8);
            buf.putLong(v);
        }

        void putBytes(byte[] b) {
            room(b.length);
            buf.put(b);
        }

        void putLongs(long[] a, int from, int n) {
            room(8 * n);
            buf.asLongBuffer().put(a, from, n);
            buf.position(buf.position() + 8 * n);
        }

        void putString(String s) {
            if (s == null) {
                putInt(-1);
                return;
            }
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            room(4 + b.length);
            buf.putInt(b.length);
            buf.put(b);
        }

        byte[] toArray() {
            return Arrays.copyOf(buf.array(), buf.position());
        }
    }
}
