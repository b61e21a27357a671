package ru.tsur.dedup;

/**
 * What copy detection knows about one text: the MinHash signature (for LSH band keys), the number of distinct
 * shingles (for containment) and a fingerprint of the canonical text (for exact copies).
 *
 * @param signature   MinHash values, one per hash function
 * @param shingles    number of distinct shingles of the canonical text
 * @param fingerprint 64-bit hash of the canonical text; equal fingerprints mean an exact copy
 * @param numbers     64-bit Bloom set of the numbers in the text (house, route, clinic numbers)
 */
public record TextSketch(int[] signature, int shingles, long fingerprint, long numbers) {

    public boolean isEmpty() {
        return shingles == 0;
    }

    /** LSH key of band {@code band}: rows {@code band·rows … band·rows+rows-1} of the signature and the band number. */
    public long bandKey(int band, int rows) {
        long h = 0xC2B2AE3D27D4EB4FL * (band + 1);
        for (int i = band * rows; i < (band + 1) * rows; i++) {
            h = Hashing.mix(h ^ (signature[i] & 0xFFFFFFFFL));
        }
        return h;
    }

    /**
     * The lowest two bits of every signature value packed into longs (b-bit MinHash, Li and König): 32 bytes for 128
     * hashes instead of 512, which is what each band bucket keeps to confirm candidates.
     */
    public long[] packedBits() {
        return BitSketch.pack(signature);
    }

    /**
     * Bloom set of the numbers of a canonical text, two bits per number. Copies keep their numbers (a truncated
     * copy may lose some), while different complaints in the same words differ in them: "Ленина 15" vs "Ленина 17".
     * Numbers one space apart also count glued together ("7 20" also gives 720), because people writing without
     * punctuation glue "7:20" or "70-80" into one number.
     */
    public static long numbersOf(String canonical) {
        long set = 0;
        int n = canonical.length();
        int prevStart = -1;
        int prevEnd = -2;
        for (int i = 0; i < n; ) {
            if (!Character.isDigit(canonical.charAt(i))) {
                i++;
                continue;
            }
            int j = i;
            while (j < n && Character.isDigit(canonical.charAt(j))) {
                j++;
            }
            set |= bloom(canonical.subSequence(i, j));
            if (prevEnd == i - 1) {
                set |= bloom(canonical.subSequence(prevStart, prevEnd) + canonical.substring(i, j));
            }
            prevStart = i;
            prevEnd = j;
            i = j;
        }
        return set;
    }

    private static long bloom(CharSequence number) {
        long h = Shingles.hash(number, 0, number.length());
        return 1L << (h & 63) | 1L << ((h >>> 6) & 63);
    }

    /** Whether every number of the set {@code smaller} is (probably) in {@code larger}. */
    public static boolean numbersWithin(long smaller, long larger) {
        return (smaller & ~larger) == 0;
    }
}
