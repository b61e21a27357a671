package ru.tsur.dedup;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.streaming.api.TimerService;

/**
 * Holds a key's records until the watermark passes their time, so a keyed function sees them in publication order
 * whatever the arrival order (the sorting pattern of the Flink cookbook). The state empties as timers fire.
 */
final class EventTimeBuffer<T> {
    private final MapState<Long, List<T>> pending;

    EventTimeBuffer(RuntimeContext ctx, String name, TypeInformation<T> type) {
        this(ctx.getMapState(new MapStateDescriptor<>(name, Types.LONG, new ListTypeInfo<>(type))));
    }

    /** Over a map state of the caller's (an operator's own keyed state). */
    EventTimeBuffer(MapState<Long, List<T>> pending) {
        this.pending = pending;
    }

    /** True when the record was buffered; false when it is already behind the watermark (process it now). */
    boolean hold(long ts, T record, TimerService timers) throws Exception {
        if (ts <= timers.currentWatermark()) {
            return false;
        }
        List<T> at = pending.get(ts);
        if (at == null) {
            at = new ArrayList<>(1);
        }
        at.add(record);
        pending.put(ts, at);
        timers.registerEventTimeTimer(ts);
        return true;
    }

    /**
     * Registers a clean-up timer for state that expires at {@code time}; the caller always keeps the state. An expiry
     * time already behind the watermark does not mean a late record: when the watermark jumps by more than the
     * horizon (a fast replay, a backlog after a restart: a periodic watermark can pass days of event time at once),
     * the records it releases are on time, and those released after them in the same advance must still see this
     * state. Such a timer fires within the same advance, in timestamp order (the timer queue is ordered by time), or
     * at the next watermark for a record processed late. At the end of input (watermark at its maximum, as
     * in batch mode when a key's timers fire) no timer is registered: the timer service no longer accepts any, and the
     * state ends with the key.
     */
    static void cleanupAt(TimerService timers, long time) {
        if (timers.currentWatermark() != Long.MAX_VALUE) {
            timers.registerEventTimeTimer(time);
        }
    }

    /** Records held for time {@code ts}, removed from the buffer; empty when none. */
    List<T> release(long ts) throws Exception {
        List<T> at = pending.get(ts);
        if (at == null) {
            return List.of();
        }
        pending.remove(ts);
        return at;
    }
}
