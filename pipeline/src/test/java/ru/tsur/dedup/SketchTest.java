package ru.tsur.dedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import ru.tsur.schema.Post;

class SketchTest {
    private final Sketcher sketcher = new Sketcher(5, 128, 7);

    @Test
    void shinglesAreDistinctSortedAndCoverShortTexts() {
        long[] s = Shingles.of("абвгдабвгд", 5);
        assertEquals(5, s.length, "абвгд, бвгда, вгдаб, гдабв, дабвг; the repeated абвгд counted once");
        for (int i = 1; i < s.length; i++) {
            assertTrue(s[i - 1] < s[i]);
        }
        assertEquals(1, Shingles.of("нет", 5).length);
        assertEquals(0, Shingles.of("", 5).length);
    }

    @Test
    void minHashEstimatesJaccardOfShingleSets() {
        SplittableRandom rnd = new SplittableRandom(1);
        MinHasher h = new MinHasher(128, 99);
        for (double target : new double[] {0.2, 0.5, 0.8}) {
            // sets A, B of 1000 elements sharing k: J = k / (2000 − k)
            int k = (int) Math.round(2000 * target / (1 + target));
            long[] a = new long[1000];
            long[] b = new long[1000];
            for (int i = 0; i < 1000; i++) {
                a[i] = rnd.nextLong();
                b[i] = i < k ? a[i] : rnd.nextLong();
            }
            int[] sa = h.signature(a);
            int[] sb = h.signature(b);
            int eq = 0;
            for (int i = 0; i < 128; i++) {
                eq += sa[i] == sb[i] ? 1 : 0;
            }
            assertEquals(target, eq / 128.0, 0.13, "full signature");
            double bits = BitSketch.jaccard(BitSketch.pack(sa), BitSketch.pack(sb), 128);
            assertEquals(target, bits, 0.15, "two-bit sketch");
        }
    }

    @Test
    void sameTextSameSketchEverywhere() {
        TextSketch a = sketcher.sketch("Яма у подъезда Ленина 15");
        TextSketch b = new Sketcher(5, 128, 7).sketch("ЯМА у подъезда, Ленина 15!!!");
        assertArrayEquals(a.signature(), b.signature());
        assertEquals(a.fingerprint(), b.fingerprint());
        assertEquals(1.0, BitSketch.jaccard(a.packedBits(), b.packedBits(), 128));
        for (int band = 0; band < 42; band++) {
            assertEquals(a.bandKey(band, 3), b.bandKey(band, 3));
        }
        assertNotEquals(a.bandKey(0, 3), a.bandKey(1, 3), "band number is part of the key");
    }

    @Test
    void numbersSetTellsHousesApart() {
        long l15 = TextSketch.numbersOf("ленина 15 нет воды");
        long l17 = TextSketch.numbersOf("ленина 17 нет воды");
        long both = TextSketch.numbersOf("ленина 15 нет воды с 7 утра");
        assertTrue(TextSketch.numbersWithin(l15, both));
        assertFalse(TextSketch.numbersWithin(l15, l17));
        assertEquals(0, TextSketch.numbersOf("нет воды"));
        assertTrue(TextSketch.numbersWithin(TextSketch.numbersOf("автобус в 720"), TextSketch.numbersOf("автобус в 7 20")),
                "7:20 written without punctuation is the same time");
        Set<Long> distinct = new HashSet<>();
        for (int n = 1; n <= 50; n++) {
            distinct.add(TextSketch.numbersOf("дом " + n));
        }
        assertTrue(distinct.size() >= 48, "house numbers rarely share both Bloom bits");
    }

    @Test
    void aPostsSketchCarriesThePlaceItsTextNamesButNotTheSourcesHint() {
        String text = "Жители просят помочь! По всему району не вывозят мусор больше недели";
        Post named = Posts.post("vk:1", 0, text).setRegionCode("69").setMunicipality("Тверь").setGeoMethod("text").build();
        Post other = Posts.post("vk:2", 1, text).setRegionCode("55").setMunicipality("Омск").setGeoMethod("text").build();
        Post hinted = Posts.post("vk:3", 2, text).setRegionCode("55").setGeoMethod("hint").build();
        TextSketch a = sketcher.sketch(named);
        TextSketch b = sketcher.sketch(other);
        TextSketch c = sketcher.sketch(hinted);
        assertEquals(a.fingerprint(), b.fingerprint(), "the same text");
        assertFalse(CopyRule.numbersAgree(a.numbers(), b.numbers()), "about two cities");
        assertEquals(sketcher.sketch(text).numbers(), c.numbers(), "a hint is no place");
        assertTrue(CopyRule.numbersAgree(a.numbers(), c.numbers()));
    }
}
