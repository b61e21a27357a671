package ru.tsur.dedup;

import java.util.SplittableRandom;

/**
 * MinHash signatures with {@code h_i(x) = a_i·x + b_i (mod 2^64)}: one multiply and one add per hash and shingle,
 * no modulo-prime arithmetic (about ten times slower). The shingle hashes are already fully mixed, so the affine
 * maps only need to be distinct permutations; the upper 32 bits of the minimum form the signature value.
 * Immutable and thread-safe; the same seed gives the same signatures everywhere (state written by one task is read
 * by another, so every task must build its hasher from the same seed).
 */
public final class MinHasher {
    private final long[] a;
    private final long[] b;

    public MinHasher(int numHashes, long seed) {
        if (numHashes <= 0) {
            throw new IllegalArgumentException("numHashes must be > 0: " + numHashes);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        a = new long[numHashes];
        b = new long[numHashes];
        for (int i = 0; i < numHashes; i++) {
            a[i] = rnd.nextLong() | 1L; // odd: a bijection modulo 2^64
            b[i] = rnd.nextLong();
        }
    }

    public int numHashes() {
        return a.length;
    }

    /** Signature of a set of shingle hashes; an empty set gives all {@code Integer.MAX_VALUE}. */
    public int[] signature(long[] shingles) {
        int n = a.length;
        long[] min = new long[n];
        java.util.Arrays.fill(min, Long.MAX_VALUE);
        for (long x : shingles) {
            for (int i = 0; i < n; i++) {
                min[i] = Math.min(min[i], a[i] * x + b[i]); // branch-free: the JIT can vectorize it
            }
        }
        int[] sig = new int[n];
        for (int i = 0; i < n; i++) {
            sig[i] = (int) (min[i] >>> 32);
        }
        return sig;
    }
}
