package ru.tsur.sla;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import ru.tsur.flink.BulkStringSerializer;
import ru.tsur.flink.StateTtl;
import ru.tsur.schema.IncidentEvent;
import ru.tsur.schema.Post;

/**
 * Keyed by post id: remembers post id → incident id (with TTL) so that
 * <ul>
 *   <li>an event that names only a post_id finds its incident (emitted with incident_id filled in);
 *   it waits up to {@code pendingEventWait} for the post, then becomes a dead letter {@code unknown_post};</li>
 *   <li>a post without incident_id that replies to a post of an incident — an official reply, or a citizen's reply
 *   to an official one — reaches that incident (emitted with incident_id filled in).</li>
 * </ul>
 * Posts with an incident_id pass through unchanged, keyed by their own id; reply look-ups are keyed by reply_to.
 */
public class PostIdResolver extends KeyedProcessFunction<String, SlaInput, SlaInput> {
    private final SlaOptions opts;

    private transient ValueState<String> incidentOf;
    private transient ValueState<Boolean> official;
    private transient WaitingEvents waiting;

    public PostIdResolver(SlaOptions opts) {
        this.opts = opts;
    }

    /** The key a post is routed by: its own id when it belongs to an incident, else the post it replies to. */
    public static String lookupKey(Post p) {
        return p.getIncidentId() != null ? p.getId() : p.getReplyTo();
    }

    /** Posts worth routing here: members of an incident, and replies that may belong to one. */
    public static boolean relevant(Post p) {
        return p.getIncidentId() != null || p.getReplyTo() != null;
    }

    @Override
    public void open(OpenContext ctx) {
        StateTtlConfig ttl = StateTtl.expireAfterWrite(opts.postIdTtl());
        ValueStateDescriptor<String> inc = new ValueStateDescriptor<>("incident-of-post", BulkStringSerializer.TYPE);
        inc.enableTimeToLive(ttl);
        incidentOf = getRuntimeContext().getState(inc);
        ValueStateDescriptor<Boolean> off = new ValueStateDescriptor<>("post-is-official", Boolean.class);
        off.enableTimeToLive(ttl);
        official = getRuntimeContext().getState(off);
        waiting = new WaitingEvents(getRuntimeContext(), "events-waiting-for-post", opts.pendingEventWait());
    }

    @Override
    public void processElement(SlaInput in, Context ctx, Collector<SlaInput> out) throws Exception {
        if (in.post != null) {
            onPost(in.post, ctx, out);
        } else {
            onEvent(in.event, ctx, out);
        }
    }

    private void onPost(Post p, Context ctx, Collector<SlaInput> out) throws Exception {
        if (p.getIncidentId() != null) {
            incidentOf.update(p.getIncidentId());
            official.update(p.getOfficial());
            out.collect(SlaInput.of(p));
            flushWaiting(p.getIncidentId(), ctx, out);
            return;
        }
        String target = incidentOf.value();
        if (target == null) {
            return; // a reply to something that is not part of any incident: not ours
        }
        boolean targetOfficial = Boolean.TRUE.equals(official.value());
        if (p.getOfficial() || targetOfficial) {
            Post routed = Post.newBuilder(p).setIncidentId(target).setDedupMethod("reply").build();
            out.collect(SlaInput.of(routed));
        }
    }

    private void onEvent(IncidentEvent e, Context ctx, Collector<SlaInput> out) throws Exception {
        String target = incidentOf.value();
        if (target != null) {
            out.collect(SlaInput.of(IncidentEvent.newBuilder(e).setIncidentId(target).build()));
            return;
        }
        waiting.add(e, ctx.timerService());
    }

    @Override
    public void onTimer(long ts, OnTimerContext ctx, Collector<SlaInput> out) throws Exception {
        for (IncidentEvent e : waiting.expired(ts)) {
            ctx.output(SlaTags.DEAD, SlaInput.deadLetter(opts.eventsSource(), e, "unknown_post",
                    "no incident has post " + ctx.getCurrentKey() + " within " + opts.pendingEventWait()));
        }
    }

    private void flushWaiting(String incidentId, Context ctx, Collector<SlaInput> out) throws Exception {
        for (IncidentEvent e : waiting.takeAll(ctx.timerService())) {
            out.collect(SlaInput.of(IncidentEvent.newBuilder(e).setIncidentId(incidentId).build()));
        }
    }
}
