package ru.tsur.sla.time;

import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded out-of-orderness, plus a rule for quiet streams (no record for {@code quietAfter} of wall-clock time).
 *
 * <p>{@link Quiet#FOLLOW_WALL_CLOCK} is the streaming rule; it tells a live stream from a replay by how far its
 * newest record's time lagged the wall clock when that record came ({@code liveLag}):
 * <ul>
 *   <li>before the first record nothing is known: the stream emits nothing and, once quiet, goes idle, so it never
 *       holds back the other inputs, and a replay that starts later is not made late by a watermark taken from today;
 *   <li>a quiet <em>live</em> stream follows the wall clock ({@code now - quietLag}): nobody posts at night, yet the
 *       deadlines fire;
 *   <li>a quiet <em>replay</em> (old posts, a backfill) keeps its own clock running: its watermark advances from where
 *       the out-of-order bound left it by the wall time elapsed since its last record. A pause in a replay of March
 *       lets March's deadlines fire as they would have, never jumps to today, and a post that resumes the replay is
 *       late only if it lies further behind than the out-of-order bound plus the pause.
 * </ul>
 * Record times beyond the wall clock (a wrong time zone, a skewed scraper) count as "now" for the watermark, so one
 * future-dated post cannot push it ahead of real time and make everyone else late; the record keeps its own time.
 * {@link Quiet#LIVE_WALL_CLOCK} is the rule of the SLA clock: like {@code FOLLOW_WALL_CLOCK}, but a live stream
 * follows the wall clock ({@code now - quietLag}) while it is busy too. Deadlines are promises in wall time: an alert
 * may not wait for the out-of-order bound (and the posts reach the SLA stage only after dedup has ordered them,
 * minutes after publication), so on a live stream every deadline fires {@code quietLag} after it passes; records
 * that come later than that are late there, and are applied all the same.
 * {@link Quiet#MARK_IDLE} lets a quiet stream go idle, {@link Quiet#HOLD} holds its watermark (offline replays that
 * must not depend on the wall clock at all). The watermark never goes back; records older than it are late.
 *
 * <p>Nothing here is checkpointed: Flink creates the generator afresh after a restore, so a restored job starts as
 * "before the first record" and learns live or replay again from the records it reads next.
 */
public final class QuietAwareWatermarks<T> implements WatermarkGenerator<T> {
    /** What a quiet stream does. */
    public enum Quiet { FOLLOW_WALL_CLOCK, LIVE_WALL_CLOCK, MARK_IDLE, HOLD }

    /** Wall clock, injectable for tests. */
    public interface Clock extends Serializable {
        long now();
    }

    private final long outOfOrderness;
    private final long quietAfter;
    private final long quietLag;
    private final long liveLag;
    private final Quiet quiet;
    private final Clock clock;

    private long maxTimestamp = Long.MIN_VALUE;
    private long lastRecordWall;
    private boolean live;
    private long emitted = Long.MIN_VALUE;

    /**
     * @param liveLag a stream whose newest record was at most this far behind the wall clock when it came is live;
     *     further behind, it is a replay
     */
    public QuietAwareWatermarks(Duration outOfOrderness, Duration quietAfter, Duration quietLag, Duration liveLag,
            Quiet quiet, Clock clock) {
        this.outOfOrderness = outOfOrderness.toMillis();
        this.quietAfter = quietAfter.toMillis();
        this.quietLag = quietLag.toMillis();
        this.liveLag = liveLag.toMillis();
        this.quiet = quiet;
        this.clock = clock;
        this.lastRecordWall = clock.now();
    }

    @Override
    public void onEvent(T event, long timestamp, WatermarkOutput output) {
        long now = clock.now();
        maxTimestamp = Math.max(maxTimestamp, Math.min(timestamp, now));
        lastRecordWall = now;
        live = maxTimestamp >= now - liveLag;
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long now = clock.now();
        long quietFor = now - lastRecordWall;
        if (maxTimestamp == Long.MIN_VALUE) {
            if (quiet != Quiet.HOLD && quietFor >= quietAfter) {
                output.markIdle();
            }
            return;
        }
        long wm = maxTimestamp - outOfOrderness - 1;
        if (quiet == Quiet.LIVE_WALL_CLOCK && live) {
            wm = Math.max(wm, now - quietLag);
        } else if (quietFor >= quietAfter) {
            switch (quiet) {
                case MARK_IDLE -> {
                    output.markIdle();
                    return;
                }
                case FOLLOW_WALL_CLOCK, LIVE_WALL_CLOCK -> wm = live ? Math.max(wm, now - quietLag) : wm + quietFor;
                case HOLD -> { }
            }
        }
        if (wm > emitted) {
            emitted = wm;
            output.emitWatermark(new Watermark(wm));
        }
    }
}
