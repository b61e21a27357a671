package ru.tsur.sla.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class QuietAwareWatermarksTest {
    private long wall = 1_000_000L;
    private final List<Long> emitted = new ArrayList<>();
    private boolean idle;
    private final WatermarkOutput out = new WatermarkOutput() {
        @Override
        public void emitWatermark(Watermark w) {
            emitted.add(w.getTimestamp());
            idle = false;
        }

        @Override
        public void markIdle() {
            idle = true;
        }

        @Override
        public void markActive() {
            idle = false;
        }
    };

    private QuietAwareWatermarks<String> gen(QuietAwareWatermarks.Quiet quiet) {
        return new QuietAwareWatermarks<>(Duration.ofSeconds(120), Duration.ofSeconds(10), Duration.ofSeconds(30),
                quiet, () -> wall);
    }

    @Test
    void boundedOutOfOrdernessWhileRecordsFlow() {
        QuietAwareWatermarks<String> g = gen(QuietAwareWatermarks.Quiet.FOLLOW_WALL_CLOCK);
        g.onEvent("a", 500_000L, out);
        g.onPeriodicEmit(out);
        assertEquals(List.of(500_000L - 120_000L - 1), emitted);
    }

    @Test
    void aQuietStreamFollowsTheWallClockSoNightDeadlinesFire() {
        QuietAwareWatermarks<String> g = gen(QuietAwareWatermarks.Quiet.FOLLOW_WALL_CLOCK);
        g.onEvent("a", 500_000L, out);
        wall += 9_999;
        g.onPeriodicEmit(out);
        wall += 1;
        g.onPeriodicEmit(out);
        assertEquals(wall - 30_000L, emitted.get(emitted.size() - 1));
        wall += 60_000;
        g.onPeriodicEmit(out);
        assertEquals(wall - 30_000L, emitted.get(emitted.size() - 1), "keeps following, 30 s behind");
    }

    @Test
    void aQuietEventStreamGoesIdleAndNeverGoesBack() {
        QuietAwareWatermarks<String> g = gen(QuietAwareWatermarks.Quiet.MARK_IDLE);
        g.onEvent("a", 500_000L, out);
        g.onPeriodicEmit(out);
        wall += 10_000;
        g.onPeriodicEmit(out);
        assertTrue(idle);
        g.onEvent("b", 100_000L, out); // an old record does not move the watermark back
        g.onPeriodicEmit(out);
        assertFalse(emitted.stream().anyMatch(w -> w < 500_000L - 120_001L));
    }

    @Test
    void aQuietPostStreamInAReplayHoldsItsWatermark() {
        QuietAwareWatermarks<String> g = gen(QuietAwareWatermarks.Quiet.HOLD);
        g.onEvent("a", 500_000L, out);
        g.onPeriodicEmit(out);
        wall += 3_600_000;
        g.onPeriodicEmit(out);
        assertFalse(idle);
        assertEquals(List.of(500_000L - 120_001L), emitted);
    }
}
