package ru.tsur.flink;

import static ru.tsur.flink.Utf8Strings.read;
import static ru.tsur.flink.Utf8Strings.write;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import ru.tsur.schema.Post;

/**
 * A {@link Post} between operators, field by field: what Avro's schema-walking {@code AvroSerializer} does with a
 * union resolution and a resolving decoder per field, here in straight code (strings as {@link Utf8Strings}, instants as
 * epoch millis). A post crosses six keyed shuffles in the streaming job, so this is on the hot path of every one.
 * Keyed state keeps Avro ({@code AvroTypeInfo}), so savepoints do not depend on this format.
 *
 * <p>Every field of the schema must be written here: {@code PostSerializerTest} fails when {@code Post.avsc} gains a
 * field this class does not know.
 */
public final class PostSerializer extends TypeSerializerSingleton<Post> {
    private static final long serialVersionUID = 1L;

    public static final PostSerializer INSTANCE = new PostSerializer();

    /** The schema's fields in the order they are written; checked against {@code Post.SCHEMA$} by the test. */
    static final List<String> FIELDS = List.of("id", "source", "published_at", "published_offset", "dt", "text",
            "text_original", "url", "author_hash", "reply_to", "repost_of", "official", "region_code", "region",
            "municipality", "timezone", "geo_method", "sector", "topics", "actionable", "non_actionable_reason",
            "severity", "score", "matched", "rules_version", "incident_id", "duplicate_of", "dedup_method",
            "responsible", "ingested_at");

    private PostSerializer() {}

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public Post createInstance() {
        return new Post();
    }

    /** Strings and instants are immutable; only the two lists need copies of their own. */
    @Override
    public Post copy(Post p) {
        return new Post(p.getId(), p.getSource(), p.getPublishedAt(), p.getPublishedOffset(), p.getDt(), p.getText(),
                p.getTextOriginal(), p.getUrl(), p.getAuthorHash(), p.getReplyTo(), p.getRepostOf(), p.getOfficial(),
                p.getRegionCode(), p.getRegion(), p.getMunicipality(), p.getTimezone(), p.getGeoMethod(),
                p.getSector(), copyOf(p.getTopics()), p.getActionable(), p.getNonActionableReason(), p.getSeverity(),
                p.getScore(), copyOf(p.getMatched()), p.getRulesVersion(), p.getIncidentId(), p.getDuplicateOf(),
                p.getDedupMethod(), p.getResponsible(), p.getIngestedAt());
    }

    @Override
    public Post copy(Post from, Post reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(Post p, DataOutputView out) throws IOException {
        write(p.getId(), out);
        write(p.getSource(), out);
        writeInstant(out, p.getPublishedAt());
        write(p.getPublishedOffset(), out);
        write(p.getDt(), out);
        write(p.getText(), out);
        write(p.getTextOriginal(), out);
        write(p.getUrl(), out);
        write(p.getAuthorHash(), out);
        write(p.getReplyTo(), out);
        write(p.getRepostOf(), out);
        out.writeBoolean(p.getOfficial());
        write(p.getRegionCode(), out);
        write(p.getRegion(), out);
        write(p.getMunicipality(), out);
        write(p.getTimezone(), out);
        write(p.getGeoMethod(), out);
        write(p.getSector(), out);
        writeList(out, p.getTopics());
        out.writeBoolean(p.getActionable());
        write(p.getNonActionableReason(), out);
        write(p.getSeverity(), out);
        out.writeDouble(p.getScore());
        writeList(out, p.getMatched());
        write(p.getRulesVersion(), out);
        write(p.getIncidentId(), out);
        write(p.getDuplicateOf(), out);
        write(p.getDedupMethod(), out);
        write(p.getResponsible(), out);
        writeInstant(out, p.getIngestedAt());
    }

    @Override
    public Post deserialize(DataInputView in) throws IOException {
        // arguments are evaluated left to right, in the order serialize wrote them
        return new Post(read(in), read(in), readInstant(in), read(in), read(in), read(in), read(in), read(in),
                read(in), read(in), read(in), in.readBoolean(), read(in), read(in), read(in), read(in), read(in),
                read(in), readList(in), in.readBoolean(), read(in), read(in), in.readDouble(), readList(in), read(in),
                read(in), read(in), read(in), read(in), readInstant(in));
    }

    @Override
    public Post deserialize(Post reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<Post> snapshotConfiguration() {
        return new Snapshot();
    }

    /**
     * One version. The format only crosses the network, and the job's aligned checkpoints hold no records in flight,
     * so nothing stored depends on it; with unaligned checkpoints (not enabled anywhere here) in-flight posts would be
     * in a checkpoint, and a change to the format would then need a new snapshot version to restore them.
     */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Post> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }

    private static void writeList(DataOutputView out, List<String> l) throws IOException {
        if (l == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(l.size());
        for (String s : l) {
            write(s, out);
        }
    }

    private static List<String> readList(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        List<String> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            l.add(read(in));
        }
        return l;
    }

    /** Both instants are required by the schema (as for Avro's serializer, a null one is an error). */
    private static void writeInstant(DataOutputView out, Instant t) throws IOException {
        out.writeLong(t.toEpochMilli());
    }

    private static Instant readInstant(DataInputView in) throws IOException {
        return Instant.ofEpochMilli(in.readLong());
    }

    private static List<String> copyOf(List<String> l) {
        return l == null ? null : new ArrayList<>(l);
    }
}
