package ru.tsur.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import ru.tsur.jobs.bench.CommittedProgress.Sample;

class CommittedProgressTest {

    private static Sample at(double seconds, double cpuSeconds, long committed) {
        return new Sample((long) (seconds * 1e9), (long) (cpuSeconds * 1e9), committed);
    }

    @Test
    void theWindowRunsFromTheFirstCommitPastHalfToTheLastBeforeTheEnd() {
        List<Sample> s = List.of(at(0, 0, 0), at(10, 15, 100), at(11, 16, 100), at(20, 30, 400), at(21, 31, 400),
                at(30, 45, 700), at(40, 60, 900), at(41, 61, 1000));
        var w = CommittedProgress.window(s, 500, 1000).orElseThrow();
        assertEquals(700, w.fromPost());
        assertEquals(200, w.posts(), "700 → 900; the final commit (the whole input) is left out");
        assertEquals(10.0, w.seconds(), 1e-9);
        assertEquals(20.0, w.postsPerSecond(), 1e-9);
        assertEquals(200 / 15.0, w.postsPerCpuSecond(), 1e-9);
    }

    @Test
    void aRunTooShortForTwoCommitsAfterHalfHasNoWindow() {
        assertTrue(CommittedProgress.window(List.of(at(0, 0, 0), at(10, 12, 600), at(12, 13, 1000)), 500, 1000)
                .isEmpty());
        assertTrue(CommittedProgress.window(List.of(), 500, 1000).isEmpty());
    }
}
