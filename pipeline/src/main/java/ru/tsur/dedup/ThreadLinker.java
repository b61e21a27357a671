package ru.tsur.dedup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import ru.tsur.schema.Post;

/**
 * Keyed by thread: a post's own id, or the id of the post it reposts or replies to. The thread's first post leaves
 * its incident here; reposts, citizens' replies and official answers that arrive later join it (platform links beat
 * text). Sets the final decision and counts it in Flink metrics. State is cleared a horizon after the thread's last
 * activity.
 */
final class ThreadLinker extends KeyedProcessFunction<String, Post, Post> {
    private final DedupOptions opts;
    private transient ValueState<ThreadRoot> root;
    private transient EventTimeBuffer<Post> buffer;
    private transient Counter posts;
    private transient Counter newIncidents;
    private transient Counter mergedStructural;
    private transient Counter mergedText;
    private transient Counter noise;

    ThreadLinker(DedupOptions opts) {
        this.opts = opts;
    }

    static String threadKey(Post p) {
        String parent = DedupDecision.parentOf(p);
        return parent != null ? parent : p.getId();
    }

    @Override
    public void open(OpenContext ctx) {
        root = getRuntimeContext().getState(new ValueStateDescriptor<>("thread-root", ThreadRoot.class));
        buffer = new EventTimeBuffer<>(getRuntimeContext(), "thread-pending", TypeInformation.of(Post.class));
        var metrics = getRuntimeContext().getMetricGroup().addGroup("dedup");
        posts = metrics.counter("posts");
        newIncidents = metrics.counter("newIncidents");
        mergedStructural = metrics.counter("mergedStructural");
        mergedText = metrics.counter("mergedText");
        noise = metrics.counter("noise");
    }

    @Override
    public void processElement(Post post, Context ctx, Collector<Post> out) throws Exception {
        long ts = post.getPublishedAt().toEpochMilli();
        if (opts.eventTimeOrder() && buffer.hold(ts, post, ctx.timerService())) {
            return;
        }
        link(post, ctx, out);
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<Post> out) throws Exception {
        List<Post> due = new ArrayList<>(buffer.release(time));
        // the thread's own post first, then reposts and replies, each group by id
        due.sort(Comparator.comparing((Post p) -> DedupDecision.parentOf(p) != null).thenComparing(Post::getId));
        for (Post p : due) {
            link(p, ctx, out);
        }
        ThreadRoot r = root.value();
        if (r != null && r.lastTs() + opts.horizonMillis() <= time) {
            root.clear();
        }
    }

    private void link(Post post, Context ctx, Collector<Post> out) throws Exception {
        long ts = post.getPublishedAt().toEpochMilli();
        DedupDecision byText = post.getDedupMethod() == null ? null
                : new DedupDecision(post.getIncidentId(), post.getDuplicateOf(), post.getDedupMethod());
        boolean child = DedupDecision.parentOf(post) != null;
        ThreadRoot parent = child ? root.value() : null;
        DedupDecision d = DedupDecision.resolve(post, byText, parent);
        ThreadRoot next = child ? (parent == null ? null : parent.touched(ts)) : d.asThreadRoot(post.getId(), ts);
        if (next != null) {
            EventTimeBuffer.cleanupAt(ctx.timerService(), next.lastTs() + opts.horizonMillis());
            root.update(next);
        }
        count(d);
        out.collect(d.applyTo(post));
    }

    private void count(DedupDecision d) {
        posts.inc();
        switch (d.method()) {
            case DedupDecision.NEW -> newIncidents.inc();
            case DedupDecision.REPOST, DedupDecision.REPLY -> mergedStructural.inc();
            case DedupDecision.EXACT, DedupDecision.NEAR -> mergedText.inc();
            default -> noise.inc();
        }
    }
}
