package ru.tsur.flink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class BulkStringSerializerTest {

    private static List<String> samples() {
        List<String> s = new ArrayList<>(List.of("", "vk:wall-123_456", "inc:telegram:1136",
                "Ямы на дороге у школы №5", "78|roads", "emoji 🚧 и суррогаты", "\u0000\u007f\u0080\u07ff\u0800\uffff",
                "a".repeat(127), "a".repeat(128), "ж".repeat(16_383), "ж".repeat(16_384), "x".repeat(2_100_000)));
        Random r = new Random(7);
        for (int i = 0; i < 500; i++) {
            char[] c = new char[r.nextInt(200)];
            for (int j = 0; j < c.length; j++) {
                c[j] = (char) (r.nextBoolean() ? r.nextInt(0x80) : r.nextInt(0x10000));
            }
            s.add(new String(c));
        }
        return s;
    }

    @Test
    void writesTheBytesOfFlinksStringSerializer() throws IOException {
        for (String s : samples()) {
            assertArrayEquals(bytes(StringSerializer.INSTANCE, s), bytes(BulkStringSerializer.INSTANCE, s),
                    () -> "length " + s.length());
        }
        assertArrayEquals(bytes(StringSerializer.INSTANCE, null), bytes(BulkStringSerializer.INSTANCE, null));
    }

    @Test
    void readsBackWhatItWrote() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        List<String> all = samples();
        for (String s : all) {
            BulkStringSerializer.INSTANCE.serialize(s, out);
        }
        BulkStringSerializer.INSTANCE.serialize(null, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        for (String s : all) {
            assertEquals(s, BulkStringSerializer.INSTANCE.deserialize(in));
        }
        assertNull(BulkStringSerializer.INSTANCE.deserialize(in));
        assertEquals(0, in.available());
    }

    @Test
    void stateOfEitherSerializerRestoresWithTheOther() throws IOException {
        TypeSerializerSnapshot<String> flinks = roundTrip(StringSerializer.INSTANCE.snapshotConfiguration());
        TypeSerializerSnapshot<String> ours = roundTrip(BulkStringSerializer.INSTANCE.snapshotConfiguration());
        assertTrue(BulkStringSerializer.INSTANCE.snapshotConfiguration().resolveSchemaCompatibility(flinks)
                .isCompatibleAsIs(), "a savepoint of the code before restores in this one");
        assertTrue(StringSerializer.INSTANCE.snapshotConfiguration().resolveSchemaCompatibility(ours)
                .isCompatibleAsIs(), "a savepoint of this code restores in the code before (a rollback)");
        @SuppressWarnings({"unchecked", "rawtypes"})
        TypeSerializerSnapshot<String> other = (TypeSerializerSnapshot) LongSerializer.INSTANCE.snapshotConfiguration();
        assertFalse(BulkStringSerializer.INSTANCE.snapshotConfiguration().resolveSchemaCompatibility(other)
                .isCompatibleAsIs());
    }

    @Test
    void isAKeyTypeLikeFlinksString() {
        assertTrue(BulkStringSerializer.TYPE.isKeyType());
        assertEquals(BulkStringSerializer.INSTANCE, BulkStringSerializer.TYPE.createSerializer(new SerializerConfigImpl()));
        assertEquals(Types.STRING.getTypeClass(), BulkStringSerializer.TYPE.getTypeClass());
    }

    private static byte[] bytes(org.apache.flink.api.common.typeutils.TypeSerializer<String> s, String v)
            throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        s.serialize(v, out);
        return out.getCopyOfBuffer();
    }

    private static TypeSerializerSnapshot<String> roundTrip(TypeSerializerSnapshot<String> snap) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snap);
        return TypeSerializerSnapshot.readVersionedSnapshot(new DataInputDeserializer(out.getCopyOfBuffer()),
                BulkStringSerializerTest.class.getClassLoader());
    }
}
