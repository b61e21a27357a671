package ru.tsur.dedup;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import ru.tsur.schema.Post;

/**
 * Keyed by post id: gathers the post's shard votes and, when all are in, sets the text decision (the earliest root
 * any band confirmed, or a new incident). The tally is cleared on completion; a timer a horizon later clears a
 * tally whose votes never completed (it cannot happen without a lost record, so it is only a guard).
 */
final class VoteResolver extends KeyedProcessFunction<String, Vote, Post> {
    private final DedupOptions opts;
    private transient ValueState<Vote> tally;

    VoteResolver(DedupOptions opts) {
        this.opts = opts;
    }

    @Override
    public void open(OpenContext ctx) {
        tally = getRuntimeContext().getState(new ValueStateDescriptor<>("vote-tally", Vote.class));
    }

    @Override
    public void processElement(Vote vote, Context ctx, Collector<Post> out) throws Exception {
        Vote t = tally.value();
        if (t == null) {
            t = vote;
            if (t.count < t.expected) {
                ctx.timerService().registerEventTimeTimer(t.ts + opts.horizonMillis());
            }
        } else {
            t.merge(vote);
        }
        if (t.count < t.expected) {
            tally.update(t);
            return;
        }
        tally.clear();
        ctx.timerService().deleteEventTimeTimer(t.ts + opts.horizonMillis());
        Post p = t.post;
        if (t.passThrough || (t.lookupOnly && t.rootId == null)) {
            p.setIncidentId(null);
            p.setDuplicateOf(null);
            p.setDedupMethod(null);
        } else {
            DedupDecision.byText(p.getId(), t.match()).applyTo(p);
        }
        out.collect(p);
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<Post> out) {
        tally.clear();
    }
}
