package ru.tsur.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Band-local roots in a shard: a post whose buckets confirmed different incidents keeps each bucket's own root. */
class ShardIndexTest {
    private static final DedupOptions OPTS = DedupOptions.DEFAULT;
    private static final long T0 = 1_700_000_000_000L;

    /** A probe with given band keys; all probes share one sketch, so any two in one bucket are exact copies. */
    private static BandProbe probe(String id, long ts, long... keys) {
        BandProbe p = new BandProbe();
        p.postId = id;
        p.ts = ts;
        p.bandKeys = keys;
        p.expected = 1;
        p.fingerprint = 42;
        p.shingles = 100;
        p.numbers = 0;
        p.bits = new long[OPTS.numHashes() / 32];
        p.store = true;
        return p;
    }

    /** A fresh index replayed from log segments, in order. */
    private static ShardIndex replayed(ShardIndex.LogSegment... segments) {
        ShardIndex x = new ShardIndex(OPTS);
        for (ShardIndex.LogSegment s : segments) {
            assertEquals(s.maxTs(), x.replay(s.bytes()));
        }
        return x;
    }

    @Test
    void bucketsKeepTheRootTheyConfirmedAlsoWhenReplayedFromTheLog() {
        ShardIndex index = new ShardIndex(OPTS);
        assertNull(index.match(probe("a", T0, 1, 2)));
        assertNull(index.match(probe("b", T0 + 1, 3, 4)), "no bucket in common with a: a root of its own");
        ShardIndex.LogSegment first = index.drainLog();
        // c bridges both incidents: its buckets 1, 2 confirm a, its buckets 3, 4 confirm b; the earliest wins the vote
        assertEquals(new CopyMatch("a", T0, true), index.match(probe("c", T0 + 2, 1, 2, 3, 4)));
        // e shares only c's bucket 1 with it (a uniform slot): through c's entry there it reaches c's root there
        assertEquals(new CopyMatch("a", T0, true), index.match(probe("e", T0 + 3, 1, 9)));
        ShardIndex.LogSegment second = index.drainLog();
        assertNull(index.drainLog(), "nothing stored since");
        assertEquals(T0 + 1, first.maxTs());
        assertEquals(T0 + 3, second.maxTs());
        ShardIndex restored = replayed(first, second);
        assertNull(restored.drainLog(), "replayed posts are not logged again");
        assertEquals(index.size(), restored.size());
        assertEquals(index.buckets(), restored.buckets());
        for (ShardIndex x : new ShardIndex[] {index, restored}) {
            // bucket 3 holds b and c; c's root there is b (mixed roots), so d joins b
            assertEquals(new CopyMatch("b", T0 + 1, true), x.match(probe("d", T0 + 5, 3)));
            // bucket 9 holds only e, which confirmed nothing there: e is that bucket's own root
            assertEquals(new CopyMatch("e", T0 + 3, true), x.match(probe("f", T0 + 5, 9)));
            assertEquals(6, x.size());
        }
    }

    @Test
    void aReplayEvictsAndExpiresAsTheIndexDid() {
        // one crowded bucket (7) beside one bucket per post; posts expire between the checkpoints
        ShardIndex index = new ShardIndex(OPTS);
        java.util.List<ShardIndex.LogSegment> log = new java.util.ArrayList<>();
        int n = 3 * OPTS.maxBucket();
        for (int i = 0; i < n; i++) {
            index.match(probe("p" + i, T0 + i, 7, 100 + i));
            if (i % 10 == 9) {
                log.add(index.drainLog());
                index.expire(T0 + i - 15);
            }
        }
        log.add(index.drainLog());
        ShardIndex restored = replayed(log.toArray(new ShardIndex.LogSegment[0]));
        restored.expire(T0 + n - 1 - 15);
        index.expire(T0 + n - 1 - 15);
        assertEquals(index.size(), restored.size());
        assertEquals(index.buckets(), restored.buckets());
        // the crowded bucket kept the same newest entries: a new copy finds the same earliest root through it
        CopyMatch viaIndex = index.match(probe("q", T0 + n, 7));
        CopyMatch viaRestored = restored.match(probe("q", T0 + n, 7));
        assertEquals(viaIndex, viaRestored);
        assertEquals(new CopyMatch("p0", T0, true), viaIndex, "every post in bucket 7 joined the first");
    }

    @Test
    void aFullBucketEvictsTheFirstOfItsEarliestEntriesAlsoWhenPostsComeOutOfOrder() {
        // posts stored out of time order (processing order, or a late post), many with equal times, into one bucket
        // of 4: the bucket keeps what a list evicting the first of the earliest keeps, held in time order
        DedupOptions opts = OPTS.withMaxBucket(4);
        java.util.Random rnd = new java.util.Random(7);
        for (int run = 0; run < 200; run++) {
            ShardIndex index = new ShardIndex(opts);
            java.util.List<String> ids = new java.util.ArrayList<>();
            java.util.List<Long> times = new java.util.ArrayList<>();
            java.util.Map<String, Long> timeOf = new java.util.HashMap<>();
            for (int i = 0; i < 12; i++) {
                String id = "p" + i;
                long ts = T0 + rnd.nextInt(6);
                BandProbe p = probe(id, ts, 7);
                p.fingerprint = i; // no two posts are copies: every entry stays its own root
                p.bits = new long[opts.numHashes() / 32];
                p.bits[0] = rnd.nextLong();
                p.shingles = 10 + i;
                index.match(p);
                timeOf.put(id, ts);
                ids.add(id);
                times.add(ts);
                if (ids.size() > opts.maxBucket()) {
                    int oldest = 0;
                    for (int k = 1; k < times.size(); k++) {
                        if (times.get(k) < times.get(oldest)) {
                            oldest = k;
                        }
                    }
                    ids.remove(oldest);
                    times.remove(oldest);
                }
                java.util.List<String> kept = index.bucketIds(7);
                assertEquals(new java.util.HashSet<>(ids), new java.util.HashSet<>(kept), "run " + run + " post " + i);
                for (int k = 1; k < kept.size(); k++) {
                    org.junit.jupiter.api.Assertions.assertTrue(timeOf.get(kept.get(k - 1)) <= timeOf.get(kept.get(k)),
                            "time order " + kept);
                }
            }
        }
    }

    @Test
    void expiredPostsLeaveEveryBucketAndTheirSlotsAreReused() {
        ShardIndex index = new ShardIndex(OPTS);
        index.match(probe("a", T0, 1, 2));
        index.match(probe("b", T0 + 10, 2, 3));
        assertEquals(1, index.expire(T0));
        assertEquals(1, index.size());
        assertEquals(2, index.buckets(), "bucket 1 held only a");
        // b stays, and with it the root its bucket 2 confirmed: a, although a itself has expired
        assertEquals(new CopyMatch("a", T0, true), index.match(probe("c", T0 + 20, 1, 2)));
        assertEquals(2, index.size());
        assertEquals(0, index.expire(T0 + 5));
        assertEquals(2, index.expire(T0 + 20));
        assertEquals(0, index.size());
        assertEquals(0, index.buckets());
        assertNull(index.match(probe("d", T0 + 30, 1, 2, 3)), "nothing left to match");
    }
}
