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
 *
 * <p>A post is remembered ({@link PostRef}: its incident and whether it is official, one state entry) through the
 * later of its publication and the watermark when it came, plus {@code postIdTtl}, then an event-time timer forgets
 * it: a job catching up on weeks of posts keeps one TTL of posts, not every post it read in the last TTL of wall-clock
 * time (that processing-time TTL of earlier versions held every post of a replay, two entries each, copied into every
 * checkpoint). The two TTL states of those versions are still read when a post is not found, for their savepoints.
 */
public class PostIdResolver extends KeyedProcessFunction<String, SlaInput, SlaInput> {
    private final SlaOptions opts;

    private transient ValueState<PostRef> ref;
    /** the processing-time TTL states of versions before 2026-12-07, read only when {@link #ref} has nothing */
    private transient ValueState<String> incidentOfBefore;
    private transient ValueState<Boolean> officialBefore;
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
        ref = getRuntimeContext().getState(new ValueStateDescriptor<>("post-ref", PostRef.class));
        StateTtlConfig ttl = StateTtl.legacy(opts.postIdTtl());
        ValueStateDescriptor<String> inc = new ValueStateDescriptor<>("incident-of-post", BulkStringSerializer.TYPE);
        inc.enableTimeToLive(ttl);
        incidentOfBefore = getRuntimeContext().getState(inc);
        ValueStateDescriptor<Boolean> off = new ValueStateDescriptor<>("post-is-official", Boolean.class);
        off.enableTimeToLive(ttl);
        officialBefore = getRuntimeContext().getState(off);
        waiting = new WaitingEvents(getRuntimeContext(), "events-waiting-for-post", opts.pendingEventWait());
    }

    @Override
    public void processElement(SlaInput in, Context ctx, Collector<SlaInput> out) throws Exception {
        if (in.post != null) {
            onPost(in, ctx, out);
        } else {
            onEvent(in.event, ctx, out);
        }
    }

    private void onPost(SlaInput in, Context ctx, Collector<SlaInput> out) throws Exception {
        Post p = in.post;
        if (p.getIncidentId() != null) {
            PostRef r = new PostRef(p.getIncidentId(), p.getOfficial(), StateTtl.until(
                    p.getPublishedAt().toEpochMilli(), ctx.timerService().currentWatermark(), opts.postIdTtl()));
            ref.update(r);
            ctx.timerService().registerEventTimeTimer(r.until);
            out.collect(in);
            flushWaiting(p.getIncidentId(), ctx, out);
            return;
        }
        PostRef target = known();
        if (target == null) {
            return; // a reply to something that is not part of any incident: not ours
        }
        if (p.getOfficial() || target.official) {
            Post routed = Post.newBuilder(p).setIncidentId(target.incidentId).setDedupMethod("reply").build();
            out.collect(SlaInput.carrying(routed));
        }
    }

    /** The incident of the post this key names, from this version's state or an earlier version's; null: none. */
    private PostRef known() throws Exception {
        PostRef r = ref.value();
        if (r != null) {
            return r;
        }
        String before = incidentOfBefore.value();
        return before == null ? null : new PostRef(before, Boolean.TRUE.equals(officialBefore.value()), 0);
    }

    private void onEvent(IncidentEvent e, Context ctx, Collector<SlaInput> out) throws Exception {
        PostRef target = known();
        if (target != null) {
            out.collect(SlaInput.of(IncidentEvent.newBuilder(e).setIncidentId(target.incidentId).build()));
            return;
        }
        waiting.add(e, ctx.timerService());
    }

    @Override
    public void onTimer(long ts, OnTimerContext ctx, Collector<SlaInput> out) throws Exception {
        PostRef r = ref.value();
        if (r != null && r.until <= ts) {
            ref.clear();
        }
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
