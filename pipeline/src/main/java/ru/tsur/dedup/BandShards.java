package ru.tsur.dedup;

import org.apache.flink.runtime.state.KeyGroupRangeAssignment;

/**
 * Groups LSH band keys into a few keyed shards. The shard keys are chosen so that their Flink key groups are spread
 * evenly over the default maximum parallelism (128): with 8 shards and parallelism 2 each task owns 4 shards, where
 * 8 arbitrary integer keys may split 6:2. With another maximum parallelism the grouping stays correct, only the
 * balance is left to the hash.
 */
final class BandShards {
    static final int MAX_PARALLELISM = 128;

    private final int[] keys;

    BandShards(int shards) {
        keys = new int[shards];
        boolean[] taken = new boolean[shards];
        int found = 0;
        for (int k = 0; found < shards; k++) {
            int group = KeyGroupRangeAssignment.assignToKeyGroup(k, MAX_PARALLELISM);
            int slot = (int) ((long) group * shards / MAX_PARALLELISM);
            if (shards > MAX_PARALLELISM) {
                slot = found; // more shards than key groups: no balancing possible, any distinct keys do
            }
            if (!taken[slot]) {
                taken[slot] = true;
                keys[slot] = k;
                found++;
            }
        }
    }

    int count() {
        return keys.length;
    }

    /** Shard of a band key (band keys are already well mixed hashes). */
    int shardOf(long bandKey) {
        return (int) Long.remainderUnsigned(bandKey, keys.length);
    }

    /** Flink key of a shard. */
    int key(int shard) {
        return keys[shard];
    }
}
