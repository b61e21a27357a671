package ru.tsur.dedup;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import ru.tsur.flink.BulkStringSerializer;
import ru.tsur.flink.Keyed;
import ru.tsur.flink.PostTypeInfo;
import ru.tsur.schema.Post;

/**
 * Deduplication stage: sets {@code incident_id}, {@code duplicate_of} and {@code dedup_method} on every post.
 *
 * <pre>
 * posts ─ sketch (stateless) ─▶ keyBy(band shard) BandShardOperator ─▶ keyBy(post id) VoteResolver ─▶ keyBy(thread) ThreadLinker
 *          one probe per shard      buckets of earlier posts        earliest confirmed root         reposts / replies join
 *          └──────────── the post itself (side output, a vote of count 0) ────────▶┘
 * </pre>
 *
 * Every step runs with any parallelism (the band step up to {@link DedupOptions#shards}): buckets are independent, so
 * one bucket never needs another's state, and a post's votes meet at its own key. A post's 42 bands travel as one
 * probe per shard (2 by default), not one record per band: the shuffle, buffer and timers are paid per probe, and a shard
 * keeps the post's sketch once for all its buckets ({@link ShardIndex}). Near-text roots are band-local (a bucket
 * stores the root it confirmed itself), which the evaluator shows costs nothing measurable against a global root. Non-actionable posts and official
 * bodies' posts never open an incident ({@code noise}) and are never stored; official posts join one only through a
 * platform link (an answer in the thread), non-actionable citizens' posts also as a confirmed copy of an incident's
 * text (a copy the classifier called "news" is still that complaint). With event-time order (the
 * default) each keyed step waits for the watermark, so the input needs timestamps and watermarks by publication
 * time.
 */
public final class DedupStage {
    private DedupStage() {}

    /** The stage with default options and the given horizon (the {@code dedup.horizon} configuration key). */
    public static SingleOutputStreamOperator<Post> apply(DataStream<Post> classified, java.time.Duration horizon) {
        return apply(classified, DedupOptions.DEFAULT.withHorizon(horizon));
    }

    public static SingleOutputStreamOperator<Post> apply(DataStream<Post> classified, DedupOptions opts) {
        SingleOutputStreamOperator<BandProbe> probes = classified
                .process(new SketchPosts(opts), TypeInformation.of(BandProbe.class))
                .name("dedup-sketch").uid("dedup-sketch");
        // shuffled even at parallelism 1: chained to the sketch step, the shard indexes share a thread and its cache
        // with the classifier, and the job ran no faster (the serialized probes are small)
        DataStream<Vote> votes = probes.keyBy(p -> p.shardKey, Types.INT)
                .transform("dedup-band-shards", Vote.TYPE, new BandShardOperator(opts))
                // a new uid: none of the earlier layouts' state ("dedup-bands" keyed by band key, "dedup-band-shards"
                // with full entries per bucket, "dedup-shard-posts" with a map of posts per shard) can be read by
                // this one; a job restored from older state needs --allowNonRestoredState and starts dedup afresh
                .uid("dedup-shard-index");
        DataStream<Post> resolved = votes.union(probes.getSideOutput(SketchPosts.POSTS))
                .keyBy(v -> v.postId, BulkStringSerializer.TYPE)
                .process(new VoteResolver(opts), PostTypeInfo.INSTANCE)
                .name("dedup-resolve").uid("dedup-resolve");
        return Keyed.by(resolved, ThreadLinker::threadKey, BulkStringSerializer.TYPE)
                .process(new ThreadLinker(opts), PostTypeInfo.INSTANCE)
                .name("dedup-threads").uid("dedup-threads");
    }
}
