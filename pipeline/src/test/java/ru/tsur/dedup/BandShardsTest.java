package ru.tsur.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.junit.jupiter.api.Test;

class BandShardsTest {

    @Test
    void shardKeysAreDistinctAndSplitEvenlyOverTasks() {
        for (int shards : new int[] {1, 2, 8, 16, 200}) {
            BandShards s = new BandShards(shards);
            Set<Integer> keys = new HashSet<>();
            for (int i = 0; i < shards; i++) {
                keys.add(s.key(i));
            }
            assertEquals(shards, keys.size(), "distinct keys for " + shards + " shards");
        }
        for (int shards : new int[] {DedupOptions.DEFAULT.shards(), 8}) {
            BandShards s = new BandShards(shards);
            for (int parallelism = 1; parallelism <= shards; parallelism *= 2) {
                int[] perTask = new int[parallelism];
                for (int i = 0; i < shards; i++) {
                    perTask[KeyGroupRangeAssignment.assignKeyToParallelOperator(s.key(i),
                            BandShards.MAX_PARALLELISM, parallelism)]++;
                }
                for (int n : perTask) {
                    assertEquals(shards / parallelism, n, shards + " shards per task at parallelism " + parallelism);
                }
            }
        }
    }

    @Test
    void bandKeysSpreadOverAllShards() {
        BandShards s = new BandShards(8);
        int[] count = new int[8];
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < 80_000; i++) {
            count[s.shardOf(Hashing.mix(rnd.nextLong()))]++;
        }
        for (int c : count) {
            assertTrue(c > 9_000 && c < 11_000, "uneven: " + java.util.Arrays.toString(count));
        }
    }
}
