package ru.tsur.dedup;

/**
 * A map from {@code long} keys to {@code long[]} values with open addressing (linear probing, backward-shift removal):
 * the band buckets of a shard, looked up about ten times per probe, without a boxed key or a node per bucket.
 * Null values are not stored.
 */
final class LongArrayMap {
    private long[] keys = new long[16];
    private long[][] values = new long[16][];
    private int size;

    int size() {
        return size;
    }

    long[] get(long key) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); values[i] != null; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return values[i];
            }
        }
        return null;
    }

    void put(long key, long[] value) {
        if (value == null) {
            throw new IllegalArgumentException("null value");
        }
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (values[i] != null) {
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        size++;
    }

    void remove(long key) {
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (values[i] != null && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (values[i] == null) {
            return;
        }
        size--;
        // backward shift: move later entries of the run into the hole when their home slot allows it
        int hole = i;
        for (int j = (i + 1) & mask; values[j] != null; j = (j + 1) & mask) {
            int home = slot(keys[j], mask);
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        values[hole] = null;
        keys[hole] = 0;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[][] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new long[oldKeys.length * 2][];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
