package ru.tsur.sla.spike;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SpikeRuleTest {
    private static final long H = SpikeRule.WINDOW_MS;
    private static final long T0 = 1_772_400_000_000L; // a 5-minute boundary
    private final SpikeRule rule = new SpikeRule(3.0, 10);

    private static TreeMap<Long, Integer> baseline(int perHour) {
        TreeMap<Long, Integer> b = new TreeMap<>();
        for (int h = 1; h <= 12; h++) {
            b.merge(T0 - (h + 1) * H, perHour, Integer::sum);
        }
        return b;
    }

    @Test
    void threeTimesTheHourlyAverageAndTheMinimumMakeASpike() {
        TreeMap<Long, Integer> b = baseline(4);
        b.put(T0 - 30 * 60_000L, 12); // 12 ≥ 3 × 4 and ≥ 10
        Optional<SpikeRule.Spike> s = rule.evaluate(b, T0, 0);
        assertTrue(s.isPresent());
        assertEquals(12, s.get().lastHour());
        assertEquals(4.0, s.get().baselinePerHour(), 1e-9);
    }

    @Test
    void belowTheFactorOrTheMinimumIsQuiet() {
        TreeMap<Long, Integer> b = baseline(4);
        b.put(T0 - 30 * 60_000L, 11); // 11 < 12
        assertTrue(rule.evaluate(b, T0, 0).isEmpty());
        TreeMap<Long, Integer> quiet = new TreeMap<>();
        quiet.put(T0 - 10 * 60_000L, 9); // no history, but below the minimum of 10
        assertTrue(rule.evaluate(quiet, T0, 0).isEmpty());
        quiet.put(T0 - 5 * 60_000L, 1);
        assertTrue(rule.evaluate(quiet, T0, 0).isPresent());
    }

    @Test
    void throttleAllowsOneSpikePerHour() {
        TreeMap<Long, Integer> b = baseline(1);
        b.put(T0 - 5 * 60_000L, 30);
        assertTrue(rule.evaluate(b, T0, T0 - 55 * 60_000L).isEmpty());
        assertTrue(rule.evaluate(b, T0, T0 - H).isPresent());
    }

    @Test
    void pruneKeepsOnlyTheThirteenHourHorizon() {
        TreeMap<Long, Integer> b = baseline(1);
        b.put(T0 - 20 * H, 5);
        SpikeRule.prune(b, T0);
        assertEquals(12, b.size());
    }
}
