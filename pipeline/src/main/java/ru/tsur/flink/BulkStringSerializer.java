package ru.tsur.flink;

import java.io.IOException;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.StringComparator;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Flink's {@link StringSerializer} format, byte for byte, written with one call per string instead of one per byte.
 * The heap backend writes every key of a keyed state (post ids, incident ids, thread keys) into a checkpoint stream
 * whose {@code write(int)} is a synchronized {@code DataOutputStream} call: that per-byte path was the largest single
 * cost of the checkpoint thread. Reading stays {@link StringValue#readString}, and the snapshot is
 * {@code StringSerializer}'s own, so state written by either serializer restores with the other.
 */
public final class BulkStringSerializer extends TypeSerializerSingleton<String> {
    private static final long serialVersionUID = 1L;
    private static final int HIGH_BIT = 0x80;

    public static final BulkStringSerializer INSTANCE = new BulkStringSerializer();

    /** Keys and string values of keyed state: {@code keyBy(selector, BulkStringSerializer.TYPE)}. */
    public static final BasicTypeInfo<String> TYPE = new Type();

    private BulkStringSerializer() {}

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public String createInstance() {
        return "";
    }

    @Override
    public String copy(String from) {
        return from;
    }

    @Override
    public String copy(String from, String reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(String s, DataOutputView out) throws IOException {
        if (s == null) {
            out.write(0);
            return;
        }
        int n = s.length();
        // StringValue's encoding: length + 1 in 7-bit groups, then each char in 7-bit groups (at most 3 bytes)
        byte[] b = new byte[5 + 3 * n];
        int pos = 0;
        int len = n + 1;
        while (len >= HIGH_BIT) {
            b[pos++] = (byte) (len | HIGH_BIT);
            len >>>= 7;
        }
        b[pos++] = (byte) len;
        for (int i = 0; i < n; i++) {
            int c = s.charAt(i);
            while (c >= HIGH_BIT) {
                b[pos++] = (byte) (c | HIGH_BIT);
                c >>>= 7;
            }
            b[pos++] = (byte) c;
        }
        out.write(b, 0, pos);
    }

    @Override
    public String deserialize(DataInputView in) throws IOException {
        return StringValue.readString(in);
    }

    @Override
    public String deserialize(String reuse, DataInputView in) throws IOException {
        return StringValue.readString(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        StringValue.copyString(in, out);
    }

    /**
     * Flink's own {@code StringSerializer} snapshot: the bytes are the same, so a checkpoint or savepoint taken with
     * this serializer is one taken with {@code Types.STRING} — state of earlier versions restores here and state of
     * this version restores in them (a rollback), and reading restored state needs nothing of this class.
     */
    @Override
    public TypeSerializerSnapshot<String> snapshotConfiguration() {
        return new StringSerializer.StringSerializerSnapshot();
    }

    /** {@code Types.STRING} with this serializer; the comparator reads the same bytes (sorted keys in BATCH mode). */
    private static final class Type extends BasicTypeInfo<String> {
        private static final long serialVersionUID = 1L;

        Type() {
            super(String.class, new Class<?>[] {}, INSTANCE, StringComparator.class);
        }
    }
}
