package ru.tsur.dedup;

/**
 * What copy detection knows about one text: the MinHash signature (for LSH band keys), the number of distinct
 * shingles (for containment) and a fingerprint of the canonical text (for exact copies).
 *
 * @param signature   MinHash values, one per hash function
 * @param shingles    number of distinct shingles of the canonical text
 * @param fingerprint 64-bit hash of the canonical text; equal fingerprints mean an exact copy
 * @param numbers     the numbers in the text (house, route, clinic numbers) as a 40-bit Bloom set, and above it
 *                    where the post is about ({@link #place}); {@link CopyRule#numbersAgree} compares both
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

    /** Bits of {@link #numbers} that hold the numbers' Bloom set; the place is above them. */
    static final int NUMBER_BITS = 40;
    static final long NUMBERS_MASK = (1L << NUMBER_BITS) - 1;

    private static long bloom(CharSequence number) {
        long h = Shingles.hash(number, 0, number.length());
        return 1L << Math.floorMod(h, NUMBER_BITS) | 1L << Math.floorMod(h >>> 8, NUMBER_BITS);
    }

    /**
     * Where a post is about, as the bits above the numbers' Bloom set: 8 bits of the region (the two-digit code,
     * 0 unknown) and 16 bits of a hash of the municipality (0 unknown). Templated complaints — a portal's form, a
     * flash mob's text, «Жители Родников просят помочь!» before the same sentence — differ only in the place, which
     * shingle similarity hardly sees; a complaint about another city or region is another incident.
     */
    public static long place(String regionCode, String municipality) {
        long region = 0;
        if (regionCode != null && !regionCode.isEmpty()) {
            boolean digits = regionCode.length() <= 2 && regionCode.chars().allMatch(Character::isDigit);
            region = 1 + (digits ? Integer.parseInt(regionCode) : 100 + Math.floorMod(regionCode.hashCode(), 154));
        }
        long town = 0;
        if (municipality != null && !municipality.isEmpty()) {
            town = 1 + Math.floorMod(Hashing.of(municipality), 65535);
        }
        return region << NUMBER_BITS | town << (NUMBER_BITS + 8);
    }

    /** This sketch with the place of its post ({@link #place}). */
    public TextSketch at(long place) {
        return new TextSketch(signature, shingles, fingerprint, (numbers & NUMBERS_MASK) | place);
    }

    /** Whether every number of the set {@code smaller} is (probably) in {@code larger} (places not compared). */
    public static boolean numbersWithin(long smaller, long larger) {
        return (smaller & ~larger & NUMBERS_MASK) == 0;
    }

    /** Whether two places ({@link #place}) can be the same: no two known regions or municipalities differ. */
    public static boolean samePlace(long a, long b) {
        long ra = (a >>> NUMBER_BITS) & 0xFF;
        long rb = (b >>> NUMBER_BITS) & 0xFF;
        long ma = a >>> (NUMBER_BITS + 8);
        long mb = b >>> (NUMBER_BITS + 8);
        return (ra == 0 || rb == 0 || ra == rb) && (ma == 0 || mb == 0 || ma == mb);
    }
}
