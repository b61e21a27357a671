package ru.tsur.dedup;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import ru.tsur.flink.PostTypeInfo;
import ru.tsur.schema.Post;

/**
 * One shard's answer for one post (the earliest confirmed root its buckets found, if any), and also the resolver's running
 * tally of a post's votes ({@code count}). A Flink POJO.
 */
public final class Vote {
    /** On the wire (band step → resolver): the carried post on {@link PostTypeInfo}; the resolver's state keeps Avro. */
    static final TypeInformation<Vote> TYPE = PostTypeInfo.pojoWithPosts(Vote.class);

    public String postId;
    public long ts;
    public int expected;
    public int count;
    public Post post;
    /** null: this shard's buckets found no copy */
    public String rootId;
    public long rootTs;
    public boolean exact;
    public boolean passThrough;
    /** the post only looked for an incident: without a match it opens none */
    public boolean lookupOnly;

    public Vote() {}

    static Vote of(BandProbe p, CopyMatch m) {
        Vote v = new Vote();
        v.postId = p.postId;
        v.ts = p.ts;
        v.expected = p.expected;
        v.count = 1;
        v.passThrough = p.passThrough();
        v.lookupOnly = !p.passThrough() && !p.store;
        if (m != null) {
            v.rootId = m.rootId();
            v.rootTs = m.rootTs();
            v.exact = m.exact();
        }
        return v;
    }

    /** The post itself, from the sketch step: counts as none of the {@code expected} shard votes. */
    static Vote carrying(Post post, int expected) {
        Vote v = new Vote();
        v.postId = post.getId();
        v.ts = post.getPublishedAt().toEpochMilli();
        v.expected = expected;
        v.post = post;
        return v;
    }

    CopyMatch match() {
        return rootId == null ? null : new CopyMatch(rootId, rootTs, exact);
    }

    /** Folds another vote for the same post into this tally. */
    void merge(Vote other) {
        count += other.count;
        if (post == null) {
            post = other.post;
        }
        passThrough |= other.passThrough;
        lookupOnly |= other.lookupOnly;
        CopyMatch best = CopyMatch.earliest(match(), other.match());
        if (best != null) {
            rootId = best.rootId();
            rootTs = best.rootTs();
            exact = best.exact();
        }
    }
}
