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
 * read = accepted + rejected still holds. The state is one flag per id, expired after the horizon.
 */
public final class DropRepeatedIds extends KeyedProcessFunction<String, Post, Post> {

    private final Duration horizon;
    private transient ValueState<Boolean> seen;
    private transient Counter repeated;

    public DropRepeatedIds(Duration horizon) {
        this.horizon = horizon;
    }

    @Override
    public void open(OpenContext ctx) {
        ValueStateDescriptor<Boolean> d = new ValueStateDescriptor<>("seen", Boolean.class);
        d.enableTimeToLive(StateTtl.expireAfterWrite(horizon));
        seen = getRuntimeContext().getState(d);
        repeated = getRuntimeContext().getMetricGroup().addGroup("pulse").counter("postsRepeatedId");
    }

    @Override
    public void processElement(Post p, Context ctx, Collector<Post> out) throws Exception {
        if (seen.value() == null) {
            seen.update(Boolean.TRUE);
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
}
