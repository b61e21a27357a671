package ru.tsur.dedup;

/** 64-bit mixing shared by shingles, band keys and text fingerprints. */
final class Hashing {
    private Hashing() {}

    /** MurmurHash3's fmix64: every input bit affects every output bit. */
    static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }

    static long of(String s) {
        return Shingles.hash(s, 0, s.length()) ^ s.length();
    }
}
