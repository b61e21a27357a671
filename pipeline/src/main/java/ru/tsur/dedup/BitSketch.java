package ru.tsur.dedup;

/**
 * Two-bit MinHash sketches. Two values agree with probability {@code J + (1 − J)/4} where J is the Jaccard
 * similarity, so {@code J ≈ (agree − 1/4) / (3/4)}; with 128 hashes the estimate's standard deviation stays below
 * 0.06, enough to separate copies (J ≳ 0.6) from different complaints (J ≲ 0.3).
 */
public final class BitSketch {
    private static final int PER_LONG = 32;
    private static final long LOW_BITS = 0x5555555555555555L;

    private BitSketch() {}

    static long[] pack(int[] signature) {
        long[] out = new long[(signature.length + PER_LONG - 1) / PER_LONG];
        for (int i = 0; i < signature.length; i++) {
            out[i / PER_LONG] |= (long) (signature[i] & 3) << (2 * (i % PER_LONG));
        }
        return out;
    }

    /** Estimated Jaccard similarity of two sketches of {@code numHashes} values, clamped to [0, 1]. */
    public static double jaccard(long[] x, long[] y, int numHashes) {
        return jaccard(x, 0, y, 0, numHashes);
    }

    /** The same for sketches stored at offsets of larger arrays ({@code numHashes / 32} words each). */
    static double jaccard(long[] x, int xOffset, long[] y, int yOffset, int numHashes) {
        int differ = 0;
        int words = (numHashes + PER_LONG - 1) / PER_LONG;
        for (int i = 0; i < words; i++) {
            long d = x[xOffset + i] ^ y[yOffset + i];
            differ += Long.bitCount((d | (d >>> 1)) & LOW_BITS);
        }
        double agree = 1.0 - (double) differ / numHashes;
        return Math.max(0.0, Math.min(1.0, (agree - 0.25) / 0.75));
    }
}
