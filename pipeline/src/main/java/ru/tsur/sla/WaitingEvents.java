package ru.tsur.sla;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.TimerService;
import ru.tsur.flink.StateTtl;
import ru.tsur.schema.IncidentEvent;

/**
 * Keyed state for events that arrived before what they name (a post, an incident): they wait, in event-time order,
 * up to {@code wait} after the first of them; one timer per key, and the state is gone when they are taken or expire.
 */
final class WaitingEvents {
    private final ListState<IncidentEvent> events;
    private final ValueState<Long> timer;
    private final Duration wait;

    WaitingEvents(RuntimeContext rc, String name, Duration wait) {
        this.events = rc.getListState(new ListStateDescriptor<>(name, new AvroTypeInfo<>(IncidentEvent.class)));
        this.timer = rc.getState(new ValueStateDescriptor<>(name + "-timer", Long.class));
        this.wait = wait;
    }

    void add(IncidentEvent e, TimerService ts) throws Exception {
        events.add(e);
        if (timer.value() == null) {
            long at = StateTtl.until(e.getAt().toEpochMilli(), ts.currentWatermark(), wait);
            ts.registerEventTimeTimer(at);
            timer.update(at);
        }
    }

    /** The waiting events, oldest first; the state and the timer are cleared. */
    List<IncidentEvent> takeAll(TimerService ts) throws Exception {
        Long at = timer.value();
        if (at == null) {
            return List.of();
        }
        List<IncidentEvent> out = new ArrayList<>();
        events.get().forEach(out::add);
        out.sort((a, b) -> a.getAt().compareTo(b.getAt()));
        events.clear();
        timer.clear();
        ts.deleteEventTimeTimer(at);
        return out;
    }

    /** On a timer: the events whose wait is over (empty if the timer is not ours), cleared. */
    List<IncidentEvent> expired(long ts) throws Exception {
        Long at = timer.value();
        if (at == null || at != ts) {
            return List.of();
        }
        List<IncidentEvent> out = new ArrayList<>();
        events.get().forEach(out::add);
        events.clear();
        timer.clear();
        return out;
    }

    void clear(TimerService ts) throws Exception {
        takeAll(ts);
    }
}
