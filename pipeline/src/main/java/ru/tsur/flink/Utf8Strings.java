package ru.tsur.flink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** A nullable string in the hand-written serializers: length + 1 as a variable-length int (0 for null), then UTF-8. */
public final class Utf8Strings {
    private Utf8Strings() {}

    public static void write(String s, DataOutputView out) throws IOException {
        if (s == null) {
            out.writeByte(0);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int n = b.length + 1;
        while (n >= 0x80) {
            out.writeByte((n & 0x7F) | 0x80);
            n >>>= 7;
        }
        out.writeByte(n);
        out.write(b);
    }

    public static String read(DataInputView in) throws IOException {
        int n = 0;
        int shift = 0;
        int b;
        do {
            b = in.readUnsignedByte();
            n |= (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        if (n == 0) {
            return null;
        }
        byte[] bytes = new byte[n - 1];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
