package ru.tsur.flink;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import ru.tsur.schema.DeadLetter;
import ru.tsur.schema.Post;
import ru.tsur.sink.AvroJson;

/**
 * Keyed by post id: the first post with an id passes; a redelivery of the same id (scrapers resend, producers retry)
 * within the horizon goes to the dead letters as {@code duplicate_id}, so datasets count every post once and
 * read = accepted + rejected still holds.
 *
 * <p>The state is one time per id: the event time it is remembered through, the later of the post's publication and
 * the watermark when it came, plus the horizon; an event-time timer then clears it. Event time, not a processing-time
 * TTL: a job catching up on a backlog (or replaying weeks) keeps the ids of one horizon of posts, not of every post
 * it read in the last horizon of wall-clock time — ten times more state for a replay of ten horizons, all of it
 * copied into every checkpoint of the heap backend. The input needs timestamps and watermarks.
 */
public final class DropRepeatedIds extends KeyedProcessFunction<String, Post, Post> {

    private final Duration horizon;
    private transient ValueState<Long> seenUntil;
    /** the processing-time TTL flag of versions before 2026-12-07, read so that their savepoints still drop repeats */
    private transient ValueState<Boolean> seenBefore;
    private transient Counter repeated;

    public DropRepeatedIds(Duration horizon) {
        this.horizon = horizon;
    }

    @Override
    public void open(OpenContext ctx) {
        seenUntil = getRuntimeContext().getState(new ValueStateDescriptor<>("seen-until", Long.class));
        ValueStateDescriptor<Boolean> legacy = new ValueStateDescriptor<>("seen", Boolean.class);
        legacy.enableTimeToLive(StateTtl.legacy(horizon));
        seenBefore = getRuntimeContext().getState(legacy);
        repeated = getRuntimeContext().getMetricGroup().addGroup("pulse").counter("postsRepeatedId");
    }

    @Override
    public void processElement(Post p, Context ctx, Collector<Post> out) throws Exception {
        if (seenUntil.value() == null && seenBefore.value() == null) {
            long until = StateTtl.until(p.getPublishedAt().toEpochMilli(), ctx.timerService().currentWatermark(),
                    horizon);
            seenUntil.update(until);
            ctx.timerService().registerEventTimeTimer(until);
            out.collect(p);
            return;
        }
        repeated.inc();
        DeadLetter d = new DeadLetter();
        d.setSource("posts");
        d.setReason("duplicate_id");
        d.setDetail("post id " + p.getId() + " was already accepted; this redelivery is not counted again");
        d.setRaw(ByteBuffer.wrap(AvroJson.toJson(p)));
        d.setReceivedAt(Instant.now());
        ctx.output(DeadLetters.TAG, d);
    }

    @Override
    public void onTimer(long ts, OnTimerContext ctx, Collector<Post> out) throws Exception {
        Long until = seenUntil.value();
        if (until != null && until <= ts) {
            seenUntil.clear();
        }
    }
}
