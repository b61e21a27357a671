package ru.tsur.dedup.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterScoresTest {

    @Test
    void perfectClusteringScoresOne() {
        ClusterScores s = ClusterScores.of(List.of(
                new ClusterScores.Item("1", "a", "x"), new ClusterScores.Item("2", "a", "x"),
                new ClusterScores.Item("3", "b", null)));
        assertEquals(1.0, s.bcubedF1(), 1e-12);
        assertEquals(1.0, s.pairF1(), 1e-12);
    }

    @Test
    void splitAndMergeAsComputedByHand() {
        // truth {1,2,3} {4}; predicted {1,2} {3,4}
        ClusterScores s = ClusterScores.of(List.of(
                new ClusterScores.Item("1", "a", "x"), new ClusterScores.Item("2", "a", "x"),
                new ClusterScores.Item("3", "a", "y"), new ClusterScores.Item("4", "b", "y")));
        // precision per item: 1, 1, 1/2, 1/2 → 0.75; recall: 2/3, 2/3, 1/3, 1 → 2/3
        assertEquals(0.75, s.bcubedPrecision(), 1e-12);
        assertEquals(2.0 / 3, s.bcubedRecall(), 1e-12);
        // pairs: predicted (1,2) (3,4), true (1,2) (1,3) (2,3): tp = 1
        assertEquals(0.5, s.pairPrecision(), 1e-12);
        assertEquals(1.0 / 3, s.pairRecall(), 1e-12);
    }
}
