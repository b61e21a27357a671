package ru.tsur.dedup;

/** Text → {@link TextSketch}: canonical form, character shingles, MinHash. Thread-safe. */
public final class Sketcher {
    private final int shingleSize;
    private final MinHasher hasher;

    public Sketcher(int shingleSize, int numHashes, long seed) {
        if (shingleSize < 1) {
            throw new IllegalArgumentException("shingleSize must be >= 1: " + shingleSize);
        }
        this.shingleSize = shingleSize;
        this.hasher = new MinHasher(numHashes, seed);
    }

    public int numHashes() {
        return hasher.numHashes();
    }

    public TextSketch sketch(String text) {
        return sketchCanonical(CopyText.canonical(text));
    }

    public TextSketch sketchCanonical(String canonical) {
        long[] shingles = Shingles.of(canonical, shingleSize);
        return new TextSketch(hasher.signature(shingles), shingles.length, Hashing.of(canonical),
                TextSketch.numbersOf(canonical));
    }
}
