package ru.tsur.dedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongArrayMapTest {

    @Test
    void behavesAsAHashMapUnderRandomPutsAndRemovesWithCrowdedKeys() {
        Random rnd = new Random(7);
        LongArrayMap map = new LongArrayMap();
        Map<Long, long[]> reference = new HashMap<>();
        for (int op = 0; op < 200_000; op++) {
            // few distinct keys, many of them colliding in the low bits: long probe runs and wrap-arounds
            long key = rnd.nextInt(3_000) * 1024L - 1_000_000;
            if (rnd.nextInt(3) == 0) {
                map.remove(key);
                reference.remove(key);
            } else {
                long[] v = {op, key};
                map.put(key, v);
                reference.put(key, v);
            }
            if (op % 997 == 0) {
                for (long k = -1_000_000; k < 3_000 * 1024L - 1_000_000; k += 1024) {
                    assertArrayEquals(reference.get(k), map.get(k), "key " + k + " after op " + op);
                }
            }
            assertEquals(reference.size(), map.size());
        }
        for (long k = -1_000_000; k < 3_000 * 1024L - 1_000_000; k += 1024) {
            assertArrayEquals(reference.get(k), map.get(k), "key " + k + " at the end");
        }
    }
}
