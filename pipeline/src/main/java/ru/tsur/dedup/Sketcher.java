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

    /**
     * A post's sketch: its text's, with the place its text names ({@link TextSketch#place}). A place known only from
     * the source's region hint is left out: a copy of a text that names no place may well be posted in another
     * region's group.
     */
    public TextSketch sketch(ru.tsur.schema.Post post) {
        TextSketch s = sketch(post.getText());
        return "text".equals(post.getGeoMethod()) ? s.at(TextSketch.place(post.getRegionCode(), post.getMunicipality())) : s;
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
