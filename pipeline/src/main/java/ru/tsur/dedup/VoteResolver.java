package ru.tsur.dedup;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import ru.tsur.flink.StateTtl;
import ru.tsur.schema.Post;

/**
 * Keyed by post id: gathers the post (from the sketch step) and its shard votes and, when all are in, sets the text
 * decision (the earliest root any band confirmed, or a new incident). The tally is cleared on completion.
 *
 * <p>No event-time timer guards the tally: a post's votes come from different band subtasks over different channels,
 * and the watermark here may pass the post's time plus the horizon between two of them (a post older than the
 * horizon, or a maximal watermark that one band subtask forwarded before the post's probe reached it). A timer at
 * that time cleared the tally between two votes and the post was never emitted. A tally whose votes never complete
 * (only a lost record could cause it) expires instead by state TTL, a horizon of processing time after its last vote.
 */
final class VoteResolver extends KeyedProcessFunction<String, Vote, Post> {
    private final DedupOptions opts;
    private transient ValueState<Vote> tally;

    VoteResolver(DedupOptions opts) {
        this.opts = opts;
    }

    @Override
    public void open(OpenContext ctx) {
        ValueStateDescriptor<Vote> d = new ValueStateDescriptor<>("vote-tally", Vote.class);
        d.enableTimeToLive(StateTtl.expireAfterWrite(opts.horizon()));
        tally = getRuntimeContext().getState(d);
    }

    @Override
    public void processElement(Vote vote, Context ctx, Collector<Post> out) throws Exception {
        Vote t = tally.value();
        if (t == null) {
            t = vote;
        } else {
            t.merge(vote);
        }
        if (t.count < t.expected || t.post == null) {
            tally.update(t);
            return;
        }
        tally.clear();
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
}
