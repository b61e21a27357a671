package ru.tsur.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import ru.tsur.generator.EnrichedStream;
import ru.tsur.schema.Post;
import ru.tsur.sla.SlaInput;

class PostSerializerTest {

    private static final PostSerializer S = PostSerializer.INSTANCE;

    @Test
    void writesEveryFieldOfTheSchemaInOrder() {
        List<String> schema = Post.getClassSchema().getFields().stream().map(Schema.Field::name).toList();
        assertEquals(schema, PostSerializer.FIELDS, "Post.avsc changed: PostSerializer must write the new fields");
    }

    @Test
    void generatedPostsComeBackEqual() throws IOException {
        List<Post> posts = new EnrichedStream(11).posts(2_000);
        for (int i = 0; i < posts.size(); i++) {
            Post p = posts.get(i);
            // give some posts the fields later stages fill in, with non-ASCII values
            if (i % 3 == 0) {
                p.setIncidentId("inc:" + p.getId());
                p.setDuplicateOf(i % 2 == 0 ? null : "vk:1");
                p.setDedupMethod("near");
                p.setResponsible("Министерство ЖКХ");
                p.setTopics(List.of("Ямы на дорогах", "отопление"));
                p.setMatched(List.of("roads.pothole:яма"));
            }
            assertEquals(p, roundTrip(p));
        }
    }

    @Test
    void everyFieldSurvivesSetAndUnset() throws IOException {
        Post full = distinctValues();
        Post back = roundTrip(full);
        assertEquals(full, back);
        for (Schema.Field f : Post.getClassSchema().getFields()) {
            assertEquals(full.get(f.pos()), back.get(f.pos()), f.name());
        }
        Post sparse = distinctValues();
        for (Schema.Field f : Post.getClassSchema().getFields()) {
            if (f.schema().isNullable()) {
                sparse.put(f.pos(), null);
            }
        }
        sparse.setTopics(null); // not nullable in the schema, but a Java caller may leave it unset
        Post sparseBack = roundTrip(sparse);
        assertEquals(sparse, sparseBack);
        assertNull(sparseBack.getUrl());
        assertNull(sparseBack.getTopics());
    }

    @Test
    void consecutiveRecordsInOneBufferStayApart() throws IOException {
        List<Post> posts = new EnrichedStream(5).posts(50);
        DataOutputSerializer out = new DataOutputSerializer(64);
        for (Post p : posts) {
            S.serialize(p, out);
        }
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        for (Post p : posts) {
            assertEquals(p, S.deserialize(in));
        }
        assertEquals(0, in.available());
        // the serialized-copy path Flink uses when it forwards without deserializing
        DataOutputSerializer copied = new DataOutputSerializer(64);
        DataInputDeserializer again = new DataInputDeserializer(out.getCopyOfBuffer());
        for (int i = 0; i < posts.size(); i++) {
            S.copy(again, copied);
        }
        assertTrue(java.util.Arrays.equals(out.getCopyOfBuffer(), copied.getCopyOfBuffer()));
    }

    @Test
    void aCopyOwnsItsLists() {
        Post p = distinctValues();
        Post c = S.copy(p);
        assertEquals(p, c);
        assertNotSame(p.getTopics(), c.getTopics());
        c.getTopics().add("x");
        c.getMatched().clear();
        assertEquals(distinctValues(), p);
    }

    @Test
    void aMissingRequiredInstantFailsLikeAvro() {
        Post p = distinctValues();
        p.put(Post.getClassSchema().getField("published_at").pos(), null);
        assertThrows(NullPointerException.class, () -> S.serialize(p, new DataOutputSerializer(64)));
    }

    @Test
    void snapshotRestoresTheSameSerializer() throws IOException {
        TypeSerializerSnapshot<Post> snap = S.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snap);
        TypeSerializerSnapshot<Post> read = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
        assertSame(S, read.restoreSerializer());
        assertTrue(S.snapshotConfiguration().resolveSchemaCompatibility(read).isCompatibleAsIs());
    }

    @Test
    void pojosCarryingAPostUseItOnTheWire() throws IOException {
        PojoTypeInfo<SlaInput> info = PostTypeInfo.pojoWithPosts(SlaInput.class);
        assertEquals(PostTypeInfo.INSTANCE, info.getTypeAt(info.getFieldIndex("post")));
        TypeSerializer<SlaInput> ser = info.createSerializer(new SerializerConfigImpl());
        Post p = distinctValues();
        DataOutputSerializer out = new DataOutputSerializer(64);
        SlaInput in = new SlaInput(); // the whole post, not the SLA view of SlaInput.of: every field must cross
        in.post = p;
        ser.serialize(in, out);
        SlaInput back = ser.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertEquals(p, back.post);
        assertNull(back.event);
        assertEquals(info, PostTypeInfo.pojoWithPosts(SlaInput.class), "union needs equal types");
    }

    private static Post roundTrip(Post p) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        S.serialize(p, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        Post back = S.deserialize(in);
        assertEquals(0, in.available(), "every byte read back");
        return back;
    }

    /** A post whose every field holds a value no default has (non-ASCII strings, both booleans flipped). */
    private static Post distinctValues() {
        Post p = new Post();
        for (Schema.Field f : Post.getClassSchema().getFields()) {
            Schema s = f.schema().isUnion() ? f.schema().getTypes().get(1) : f.schema();
            Object v = switch (s.getType()) {
                case STRING -> "значение " + f.name() + " ✓";
                case BOOLEAN -> !Boolean.TRUE.equals(f.defaultVal());
                case DOUBLE -> f.pos() + 0.25;
                case ARRAY -> new ArrayList<>(List.of(f.name() + "-1", "второй"));
                case LONG -> Instant.ofEpochMilli(1_700_000_000_000L + f.pos());
                default -> throw new IllegalStateException("a field type the test does not fill: " + f);
            };
            p.put(f.pos(), v);
        }
        return p;
    }
}
