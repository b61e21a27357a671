package ru.tsur.dedup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Keyed by band shard ({@link BandShards}): the LSH band buckets whose band keys fall in this shard, as one
 * {@link ShardIndex} per shard. For each probe it confirms the candidates of the post's buckets here (each candidate
 * once), votes for the earliest confirmed root, and stores the post with the root each bucket confirmed — exactly what
 * {@link CopyIndex} decides. With event-time order on, probes wait for the watermark (keyed state and timers, as in
 * the Flink cookbook's sorting pattern) so every bucket sees posts in publication order. Posts are forgotten a horizon
 * after their time by one timer per shard per expiry slot (a grid of a sixteenth of the horizon): an entry past the
 * horizon can no longer match, so removing it up to a slot later changes no decision.
 *
 * <p>State: the shard's index lives on the heap of the task that owns the shard; keyed state holds its log — per
 * shard, one segment ({@code byte[]}) per checkpoint with the posts stored since the one before
 * ({@link ShardIndex#drainLog}) — and a segment is removed once all its posts have expired. The first record of a
 * shard after a restore or rescale replays the shard's segments in order. So a record pays no state-backend access
 * for its candidates (a heap-backend map lookup per candidate cost more than half the job; with RocksDB it would be a
 * read and a deserialization each), and a checkpoint writes only what is new (RocksDB's incremental checkpoints then
 * upload only the new segments) instead of an image of every changed shard.
 */
final class BandShardOperator extends AbstractStreamOperator<Vote>
        implements OneInputStreamOperator<BandProbe, Vote>, Triggerable<Integer, VoidNamespace> {
    /** expiry slots per horizon: each stored post is looked at this many times by the expiry scans of its shard */
    private static final int SLOTS_PER_HORIZON = 16;

    private final DedupOptions opts;
    private final long slot;
    private transient MapState<Long, byte[]> segments;
    private transient EventTimeBuffer<BandProbe> buffer;
    private transient InternalTimerService<VoidNamespace> timers;
    private transient TimerService timerView;
    private transient Map<Integer, ShardIndex> loaded;
    /** per loaded shard: its segments in keyed state, by number, with the latest post time of each */
    private transient Map<Integer, NavigableMap<Long, Long>> segmentTimes;
    private transient Set<Integer> changed;
    /** sums over this task's shards for the gauges, which the metric reporter reads from its own thread */
    private transient volatile int storedPosts;
    private transient volatile int buckets;

    BandShardOperator(DedupOptions opts) {
        this.opts = opts;
        this.slot = Math.max(1, opts.horizonMillis() / SLOTS_PER_HORIZON);
    }

    @Override
    public void open() throws Exception {
        super.open();
        segments = getPartitionedState(new MapStateDescriptor<>("shard-log", Types.LONG,
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        buffer = new EventTimeBuffer<>(getPartitionedState(new MapStateDescriptor<>("band-pending", Types.LONG,
                new ListTypeInfo<>(TypeInformation.of(BandProbe.class)))));
        timers = getInternalTimerService("band-shard-timers", VoidNamespaceSerializer.INSTANCE, this);
        timerView = new EventTimers(timers);
        loaded = new HashMap<>();
        segmentTimes = new HashMap<>();
        changed = new HashSet<>();
        // what the on-call engineer watches for memory: posts held in the horizon and their buckets, on this task
        var metrics = getMetricGroup().addGroup("dedup");
        metrics.<Integer, Gauge<Integer>>gauge("storedPosts", () -> storedPosts);
        metrics.<Integer, Gauge<Integer>>gauge("buckets", () -> buckets);
    }

    @Override
    public void processElement(StreamRecord<BandProbe> element) throws Exception {
        BandProbe probe = element.getValue();
        if (probe.passThrough()) {
            emit(Vote.of(probe, null), element);
            return;
        }
        if (opts.eventTimeOrder() && buffer.hold(probe.ts, probe, timerView)) {
            return;
        }
        emit(match(probe), element);
    }

    @Override
    public void onEventTime(InternalTimer<Integer, VoidNamespace> timer) throws Exception {
        long time = timer.getTimestamp();
        List<BandProbe> due = new ArrayList<>(buffer.release(time));
        due.sort(Comparator.comparing(p -> p.postId));
        for (BandProbe p : due) {
            output.collect(new StreamRecord<>(match(p), time));
        }
        if (Math.floorMod(time, slot) == 0) {
            ShardIndex index = index();
            long limit = time - opts.horizonMillis();
            if (index.expire(limit) > 0) {
                countStored();
            }
            var times = segmentTimes.get(currentShard());
            for (var it = times.entrySet().iterator(); it.hasNext(); ) {
                var segment = it.next();
                if (segment.getValue() <= limit) { // every post in it has expired
                    segments.remove(segment.getKey());
                    it.remove();
                }
            }
        }
    }

    @Override
    public void onProcessingTime(InternalTimer<Integer, VoidNamespace> timer) {
        // no processing-time timers are registered
    }

    private Vote match(BandProbe probe) throws Exception {
        Vote vote = Vote.of(probe, index().match(probe));
        if (probe.store) {
            changed.add(currentShard());
            countStored();
            // one timer per shard and slot; a slot already behind the watermark fires within this advance, in order
            EventTimeBuffer.cleanupAt(timerView, Math.floorDiv(probe.ts + opts.horizonMillis() + slot - 1, slot) * slot);
        }
        return vote;
    }

    /** The current shard's index: in memory once loaded, else replayed from its log (after a restore), else empty. */
    private ShardIndex index() throws Exception {
        Integer shard = currentShard();
        ShardIndex index = loaded.get(shard);
        if (index == null) {
            index = new ShardIndex(opts);
            NavigableMap<Long, byte[]> log = new TreeMap<>();
            for (var e : segments.entries()) {
                log.put(e.getKey(), e.getValue());
            }
            NavigableMap<Long, Long> times = new TreeMap<>();
            for (var e : log.entrySet()) {
                times.put(e.getKey(), index.replay(e.getValue()));
            }
            loaded.put(shard, index);
            segmentTimes.put(shard, times);
            countStored();
        }
        return index;
    }

    private Integer currentShard() {
        return (Integer) getCurrentKey();
    }

    private void emit(Vote vote, StreamRecord<BandProbe> in) {
        output.collect(in.hasTimestamp() ? new StreamRecord<>(vote, in.getTimestamp()) : new StreamRecord<>(vote));
    }

    /**
     * Adds a log segment to keyed state for each shard that stored posts since the last checkpoint, before the
     * backend snapshots it.
     */
    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        for (Integer shard : changed) {
            setCurrentKey(shard);
            ShardIndex.LogSegment segment = loaded.get(shard).drainLog();
            if (segment != null) {
                var times = segmentTimes.get(shard);
                long number = times.isEmpty() ? 0 : times.lastKey() + 1;
                segments.put(number, segment.bytes());
                times.put(number, segment.maxTs());
            }
        }
        changed.clear();
    }

    /** Log segments in keyed state of the shards in memory on this task. */
    int logSegments() {
        return segmentTimes.values().stream().mapToInt(Map::size).sum();
    }

    /** Stored posts of the shards in memory on this task. */
    int storedPosts() {
        return storedPosts;
    }

    private void countStored() {
        int p = 0;
        int b = 0;
        for (ShardIndex x : loaded.values()) {
            p += x.size();
            b += x.buckets();
        }
        storedPosts = p;
        buckets = b;
    }

    /** The operator's timer service seen through the {@link TimerService} that {@link EventTimeBuffer} takes. */
    private record EventTimers(InternalTimerService<VoidNamespace> timers) implements TimerService {
        @Override
        public long currentProcessingTime() {
            return timers.currentProcessingTime();
        }

        @Override
        public long currentWatermark() {
            return timers.currentWatermark();
        }

        @Override
        public void registerProcessingTimeTimer(long time) {
            timers.registerProcessingTimeTimer(VoidNamespace.INSTANCE, time);
        }

        @Override
        public void registerEventTimeTimer(long time) {
            timers.registerEventTimeTimer(VoidNamespace.INSTANCE, time);
        }

        @Override
        public void deleteProcessingTimeTimer(long time) {
            timers.deleteProcessingTimeTimer(VoidNamespace.INSTANCE, time);
        }

        @Override
        public void deleteEventTimeTimer(long time) {
            timers.deleteEventTimeTimer(VoidNamespace.INSTANCE, time);
        }
    }
}
