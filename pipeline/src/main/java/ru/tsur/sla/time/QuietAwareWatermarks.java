package ru.tsur.sla.time;

import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded out-of-orderness, plus a rule for quiet streams: when no record came for {@code quietAfter} of wall-clock
 * time, the stream {@link Quiet#FOLLOW_WALL_CLOCK follows the wall clock} ({@code now - quietLag}: the heartbeat that
 * lets deadlines fire at night when nobody posts), {@link Quiet#MARK_IDLE goes idle} (it stops holding back the
 * others), or {@link Quiet#HOLD holds} its watermark. The watermark never goes back; records older than it are late.
 */
public final class QuietAwareWatermarks<T> implements WatermarkGenerator<T> {
    /** What a quiet stream does. */
    public enum Quiet { FOLLOW_WALL_CLOCK, MARK_IDLE, HOLD }

    /** Wall clock, injectable for tests. */
    public interface Clock extends Serializable {
        long now();
    }

    private final long outOfOrderness;
    private final long quietAfter;
    private final long quietLag;
    private final Quiet quiet;
    private final Clock clock;

    private long maxTimestamp = Long.MIN_VALUE;
    private long lastRecordWall;
    private long emitted = Long.MIN_VALUE;

    public QuietAwareWatermarks(Duration outOfOrderness, Duration quietAfter, Duration quietLag, Quiet quiet,
            Clock clock) {
        this.outOfOrderness = outOfOrderness.toMillis();
        this.quietAfter = quietAfter.toMillis();
        this.quietLag = quietLag.toMillis();
        this.quiet = quiet;
        this.clock = clock;
        this.lastRecordWall = clock.now();
    }

    @Override
    public void onEvent(T event, long timestamp, WatermarkOutput output) {
        maxTimestamp = Math.max(maxTimestamp, timestamp);
        lastRecordWall = clock.now();
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long now = clock.now();
        long wm = maxTimestamp == Long.MIN_VALUE ? Long.MIN_VALUE : maxTimestamp - outOfOrderness - 1;
        if (now - lastRecordWall >= quietAfter) {
            if (quiet == Quiet.MARK_IDLE) {
                output.markIdle();
                return;
            }
            if (quiet == Quiet.FOLLOW_WALL_CLOCK) {
                wm = Math.max(wm, now - quietLag);
            }
        }
        if (wm > emitted) {
            emitted = wm;
            output.emitWatermark(new Watermark(wm));
        }
    }
}
