package ru.tsur.flink;

import java.time.Duration;
import org.apache.flink.api.common.state.StateTtlConfig;

/** The state time-to-live every keyed operator here uses. */
public final class StateTtl {
    private StateTtl() {}

    /**
     * Expired {@code ttl} after the last write, never returned once expired. On the heap backend expired entries are
     * removed incrementally, one entry visited per state access instead of Flink's default five: an operator touches
     * its TTL state two to four times per post and adds at most one entry, so one visit per access still passes over
     * the whole table faster than it grows, and the default cost ~4 % of the job's CPU in the visits (sparse maps
     * scan empty buckets to find five). RocksDB keeps its default compaction-filter clean-up.
     */
    public static StateTtlConfig expireAfterWrite(Duration ttl) {
        return StateTtlConfig.newBuilder(ttl)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .cleanupIncrementally(1, false)
                .build();
    }

    /**
     * The TTL state an operator kept before it expired by event time, read only to honour a savepoint of that version
     * (the repeated-id check reads it for every new id, the post look-up when a post is not found) and never written
     * again: no clean-up on access, which would walk the old map on every read; expired entries are dropped from every
     * full snapshot, so the state is gone from checkpoints {@code ttl} after the upgrade and from the heap at the next
     * restore.
     */
    public static StateTtlConfig legacy(Duration ttl) {
        return StateTtlConfig.newBuilder(ttl)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .disableCleanupInBackground()
                .cleanupFullSnapshot()
                .build();
    }

    /**
     * The event time through which keyed state of a record at {@code eventTime} is kept when it lives {@code span}: from
     * the later of the record's time and the watermark (a late record still gets its whole span), held at
     * {@link Long#MAX_VALUE} (a final watermark plus a span).
     */
    public static long until(long eventTime, long watermark, Duration span) {
        long from = Math.max(eventTime, watermark);
        long ms = span.toMillis();
        return from > Long.MAX_VALUE - ms ? Long.MAX_VALUE : from + ms;
    }
}
