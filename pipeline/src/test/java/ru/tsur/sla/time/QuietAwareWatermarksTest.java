package ru.tsur.sla.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;
import ru.tsur.sla.time.QuietAwareWatermarks.Quiet;

/** Out of order 120 s, quiet after 10 s, live lag 2 h, quiet lag 30 s; the wall clock is a field the tests move. */
class QuietAwareWatermarksTest {
    private static final long SEC = 1_000L;
    private static final long MIN = 60 * SEC;
    private static final long HOUR = 60 * MIN;
    private static final long BOUND = 120 * SEC + 1; // watermark = newest time - out-of-orderness - 1 ms

    /** A November night in the job's life. */
    private long wall = Instant.parse("2026-11-23T00:30:00Z").toEpochMilli();
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

    private QuietAwareWatermarks<String> gen(Quiet quiet) {
        return new QuietAwareWatermarks<>(Duration.ofSeconds(120), Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofHours(2), quiet, () -> wall);
    }

    /** Moves the wall clock in 200 ms steps (Flink's periodic emit) and returns the last watermark. */
    private long runFor(QuietAwareWatermarks<String> g, long millis) {
        for (long t = 0; t < millis; t += 200) {
            wall += 200;
            g.onPeriodicEmit(out);
        }
        return last();
    }

    private long last() {
        return emitted.isEmpty() ? Long.MIN_VALUE : emitted.get(emitted.size() - 1);
    }

    private static long march(String time) {
        return Instant.parse("2026-03-02T" + time + "Z").toEpochMilli();
    }

    @Test
    void boundedOutOfOrdernessWhileRecordsFlow() {
        QuietAwareWatermarks<String> g = gen(Quiet.FOLLOW_WALL_CLOCK);
        g.onEvent("a", wall - 5 * SEC, out);
        g.onPeriodicEmit(out);
        assertEquals(List.of(wall - 5 * SEC - BOUND), emitted);
    }

    @Test
    void beforeTheFirstRecordNothingIsEmittedAndTheStreamGoesIdleInsteadOfJumpingToToday() {
        QuietAwareWatermarks<String> g = gen(Quiet.FOLLOW_WALL_CLOCK);
        runFor(g, 9_800);
        assertTrue(emitted.isEmpty());
        assertFalse(idle, "not quiet yet");
        runFor(g, 60_000); // the job is up, the replay has not started: no watermark from today
        assertTrue(emitted.isEmpty(), "emitted " + emitted);
        assertTrue(idle, "a stream that never had a record must not hold the other inputs back");

        g.onEvent("march", march("10:00:00"), out); // the replay starts a minute later
        g.onPeriodicEmit(out);
        assertFalse(idle);
        assertEquals(List.of(march("10:00:00") - BOUND), emitted, "the replay's own time, not now");
    }

    @Test
    void beforeTheFirstRecordHoldDoesNotGoIdle() {
        QuietAwareWatermarks<String> g = gen(Quiet.HOLD);
        runFor(g, 60_000);
        assertFalse(idle);
        assertTrue(emitted.isEmpty());
    }

    @Test
    void aQuietLiveStreamFollowsTheWallClockSoNightDeadlinesFire() {
        QuietAwareWatermarks<String> g = gen(Quiet.FOLLOW_WALL_CLOCK);
        long published = wall - 57 * MIN; // a post that reached the SLA stage 57 min after publication
        g.onEvent("a", published, out);
        runFor(g, 9_800);
        assertEquals(published - BOUND, emitted.get(0));
        assertEquals(1, emitted.size(), "not quiet yet: nothing new");
        runFor(g, 200);
        assertEquals(wall - 30 * SEC, last(), "quiet: 30 s behind the wall clock");
        runFor(g, 3 * HOUR);
        assertEquals(wall - 30 * SEC, last(), "keeps following all night");
    }

    @Test
    void aBusyLiveStreamKeepsTheSlaClockOnTheWallClockNotTheOutOfOrderBound() {
        QuietAwareWatermarks<String> g = gen(Quiet.LIVE_WALL_CLOCK);
        for (int i = 0; i < 50; i++) { // a post every 200 ms, each 5 min old when it reaches the SLA stage
            g.onEvent("p" + i, wall - 5 * MIN, out);
            runFor(g, 200);
            assertEquals(wall - 30 * SEC, last(), "busy, live: 30 s behind the wall clock");
        }
        QuietAwareWatermarks<String> follow = gen(Quiet.FOLLOW_WALL_CLOCK);
        follow.onEvent("p", wall - 5 * MIN, out);
        follow.onPeriodicEmit(out);
        assertEquals(wall - 5 * MIN - BOUND, last(), "FOLLOW_WALL_CLOCK waits for the bound while busy");
    }

    @Test
    void aBusyReplayUnderTheLiveRuleKeepsTheOutOfOrderBound() {
        QuietAwareWatermarks<String> g = gen(Quiet.LIVE_WALL_CLOCK);
        g.onEvent("a", march("10:00:00"), out);
        runFor(g, 200);
        g.onEvent("b", march("10:00:05"), out);
        runFor(g, 200);
        assertEquals(march("10:00:05") - BOUND, last());
        runFor(g, 10_000);
        assertTrue(last() < march("10:01:00"), "quiet replay: its own clock, never today");
    }

    @Test
    void aQuietReplayKeepsItsOwnClockRunningAndNeverJumpsToToday() {
        QuietAwareWatermarks<String> g = gen(Quiet.FOLLOW_WALL_CLOCK);
        long resumedAt = wall;
        g.onEvent("a", march("10:00:00"), out);
        g.onEvent("b", march("09:59:00"), out);
        runFor(g, 10_000);
        assertEquals(march("10:00:10") - BOUND, last(), "quiet: advances by the 10 s elapsed");
        runFor(g, HOUR);
        long wm = last();
        assertEquals(march("10:00:00") + (wall - resumedAt) - BOUND, wm, "one wall hour = one March hour");
        assertTrue(wm < march("11:00:00"), "and nowhere near today");

        // the replay resumes: a post from just after the out-of-order bound plus the pause is on time
        g.onEvent("c", wm + 1, out);
        runFor(g, 200);
        assertEquals(wm, last(), "a resumed replay does not move the watermark back, nor forward past its posts");
    }

    @Test
    void aPausedBackfillOfYesterdayStaysYesterday() {
        QuietAwareWatermarks<String> g = gen(Quiet.FOLLOW_WALL_CLOCK);
        g.onEvent("a", wall - 26 * HOUR, out);
        runFor(g, 6 * HOUR);
        assertTrue(last() <= wall - 26 * HOUR + 6 * HOUR - BOUND, "advanced at wall-clock speed only");
        assertTrue(last() < wall - 20 * HOUR + 1, "never ahead of its own lag");
    }

    @Test
    void aReplayThatCatchesUpBecomesLive() {
        QuietAwareWatermarks<String> g = gen(Quiet.FOLLOW_WALL_CLOCK);
        g.onEvent("old", wall - 5 * HOUR, out);
        runFor(g, 1_000);
        g.onEvent("recent", wall - 10 * MIN, out);
        runFor(g, 20_000);
        assertEquals(wall - 30 * SEC, last(), "caught up: quiet means the wall clock again");
    }

    @Test
    void anOldRecordInALiveStreamDoesNotTurnItIntoAReplay() {
        QuietAwareWatermarks<String> g = gen(Quiet.FOLLOW_WALL_CLOCK);
        g.onEvent("now", wall - 2 * SEC, out);
        g.onEvent("redelivered from March", march("10:00:00"), out);
        runFor(g, 20_000);
        assertEquals(wall - 30 * SEC, last());
    }

    @Test
    void aFutureDatedRecordCannotPushTheWatermarkPastTheWallClock() {
        QuietAwareWatermarks<String> g = gen(Quiet.FOLLOW_WALL_CLOCK);
        g.onEvent("wrong time zone", wall + 3 * HOUR, out);
        g.onPeriodicEmit(out);
        assertEquals(wall - BOUND, last(), "counted as now");
        runFor(g, 20_000);
        assertEquals(wall - 30 * SEC, last(), "and the stream is live");
    }

    @Test
    void aWallClockSteppingBackNeverMovesTheWatermarkBack() {
        QuietAwareWatermarks<String> g = gen(Quiet.FOLLOW_WALL_CLOCK);
        g.onEvent("a", wall - SEC, out);
        long before = runFor(g, 20_000);
        wall -= 5 * MIN; // NTP steps the clock back
        runFor(g, 20_000);
        assertTrue(emitted.stream().allMatch(w -> w <= before), "emitted " + emitted);
        for (int i = 1; i < emitted.size(); i++) {
            assertTrue(emitted.get(i) > emitted.get(i - 1));
        }
    }

    @Test
    void aQuietEventStreamGoesIdleAndNeverGoesBack() {
        QuietAwareWatermarks<String> g = gen(Quiet.MARK_IDLE);
        g.onEvent("a", march("10:00:00"), out);
        g.onPeriodicEmit(out);
        runFor(g, 10_000);
        assertTrue(idle);
        g.onEvent("b", march("09:00:00"), out); // an old record does not move the watermark back
        g.onPeriodicEmit(out);
        assertEquals(List.of(march("10:00:00") - BOUND), emitted);
    }

    @Test
    void aQuietPostStreamWithoutTheFallbackHoldsItsWatermark() {
        QuietAwareWatermarks<String> g = gen(Quiet.HOLD);
        g.onEvent("a", march("10:00:00"), out);
        g.onPeriodicEmit(out);
        runFor(g, HOUR);
        assertFalse(idle);
        assertEquals(List.of(march("10:00:00") - BOUND), emitted);
    }
}
