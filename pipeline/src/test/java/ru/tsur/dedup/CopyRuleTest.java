package ru.tsur.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CopyRuleTest {
    private final CopyRule rule = new CopyRule(0.35, 0.7, 0.3, 80, 40, 0.5);

    @Test
    void longTextsMergeAtTheJaccardThreshold() {
        assertTrue(rule.copies(0.36, 150, 160, 0, 0));
        assertFalse(rule.copies(0.29, 150, 160, 0, 0));
    }

    @Test
    void shortTextsNeedMore() {
        assertFalse(rule.copies(0.45, 30, 35, 0, 0));
        assertTrue(rule.copies(0.55, 30, 35, 0, 0));
    }

    @Test
    void truncatedCopyMergesThroughContainment() {
        // 100 shingles inside 200: J = 0.5 exactly; an estimate of 0.33 still means containment ≈ 0.99
        assertEquals(1.0, CopyRule.containment(0.5, 100, 200), 1e-9);
        assertTrue(rule.copies(0.33, 100, 200, 0, 0));
        assertFalse(rule.copies(0.33, 60, 120, 0, 0), "too short to trust containment");
    }

    @Test
    void changedNumberMeansAnotherComplaint() {
        long l15 = TextSketch.numbersOf("ленина 15");
        long l17 = TextSketch.numbersOf("ленина 17");
        long l15and7 = TextSketch.numbersOf("ленина 15 с 7 утра");
        assertFalse(rule.copies(0.9, 150, 150, l15, l17));
        assertTrue(rule.copies(0.9, 150, 170, l15, l15and7), "a copy may add a number");
        assertTrue(rule.copies(0.9, 170, 150, l15and7, 0), "or lose all of them");
    }

    @Test
    void anotherCityOrRegionMeansAnotherComplaint() {
        long tver = TextSketch.place("69", "Тверь");
        long rzhev = TextSketch.place("69", "Ржев");
        long omsk = TextSketch.place("55", "Омск");
        long tverRegion = TextSketch.place("69", null);
        long l15 = TextSketch.numbersOf("ленина 15");
        assertFalse(rule.copies(0.9, 150, 150, tver | l15, rzhev | l15), "two towns of one region");
        assertFalse(rule.copies(0.9, 150, 150, tver, omsk));
        assertFalse(rule.copies(0.9, 150, 150, tverRegion, TextSketch.place("55", null)), "two regions");
        assertTrue(rule.copies(0.9, 150, 150, tver | l15, tver | l15));
        assertTrue(rule.copies(0.9, 150, 150, tver | l15, tverRegion | l15), "the town of the region named");
        assertTrue(rule.copies(0.9, 150, 150, tver, l15), "a copy that names no place");
        assertFalse(rule.copies(0.9, 150, 150, tver | l15, TextSketch.numbersOf("ленина 17")),
                "numbers still count beside the place");
    }
}
