package ru.tsur.dedup;

/**
 * When two texts are the same complaint. Measured on the labelled set (see {@code ru.tsur.dedup.eval}); the values
 * in {@link #DEFAULT} are the ones the evaluation report justifies.
 *
 * @param jaccard            estimated Jaccard of shingle sets at or above which two texts are copies
 * @param containment        share of the shorter text found in the longer one at or above which the shorter is a
 *                           truncated copy or the longer is the copy with a sentence added…
 * @param containmentJaccard …provided the Jaccard is at least this (containment estimated from a low Jaccard is noise)
 * @param containmentMin     …and the shorter text has at least this many shingles (a short phrase is contained in
 *                           many long complaints about the same street)
 * @param shortShingles      texts with fewer shingles than this are short: they need {@code shortJaccard}
 * @param shortJaccard       Jaccard required when either text is short
 */
public record CopyRule(double jaccard, double containment, double containmentJaccard, int containmentMin,
                       int shortShingles, double shortJaccard) implements java.io.Serializable {

    public static final CopyRule DEFAULT = new CopyRule(0.35, 0.7, 0.3, 80, 40, 0.5);

    public CopyRule {
        check("jaccard", jaccard);
        check("containment", containment);
        check("containmentJaccard", containmentJaccard);
        check("shortJaccard", shortJaccard);
        if (containmentMin < 0 || shortShingles < 0) {
            throw new IllegalArgumentException("containmentMin and shortShingles must be >= 0");
        }
    }

    private static void check(String name, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0,1]: " + v);
        }
    }

    /** Share of the smaller set inside the larger one, from the Jaccard estimate and the two set sizes. */
    public static double containment(double jaccard, int sizeA, int sizeB) {
        int small = Math.min(sizeA, sizeB);
        if (small == 0) {
            return 0;
        }
        double intersection = jaccard * (sizeA + sizeB) / (1 + jaccard);
        return Math.min(1.0, intersection / small);
    }

    /**
     * Whether the numbers and places of two posts allow a copy ({@link TextSketch#numbers}): one's numbers are all in
     * the other's (both Bloom sets), and they are not about two different regions or municipalities. When each has a
     * number the other lacks, or they name different cities, they are different complaints, whatever the rest of the
     * text says.
     */
    public static boolean numbersAgree(long numbersA, long numbersB) {
        return TextSketch.samePlace(numbersA, numbersB)
                && (TextSketch.numbersWithin(numbersA, numbersB) || TextSketch.numbersWithin(numbersB, numbersA));
    }

    /**
     * Whether two texts are copies, from the estimated Jaccard, the shingle counts and the numbers' Bloom sets. When
     * each text has a number the other lacks, they are different complaints ("Ленина 15" / "Ленина 17", bus 5 / 12):
     * a copy keeps numbers, loses some (truncated) or gains some (a sentence added), but does not change them.
     */
    public boolean copies(double estJaccard, int sizeA, int sizeB, long numbersA, long numbersB) {
        if (!numbersAgree(numbersA, numbersB)) {
            return false;
        }
        if (Math.min(sizeA, sizeB) < shortShingles) {
            return estJaccard >= shortJaccard;
        }
        if (estJaccard >= jaccard) {
            return true;
        }
        return estJaccard >= containmentJaccard
                && Math.min(sizeA, sizeB) >= containmentMin
                && containment(estJaccard, sizeA, sizeB) >= containment;
    }
}
