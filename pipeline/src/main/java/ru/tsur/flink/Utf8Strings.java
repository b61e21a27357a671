package ru.tsur.flink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A nullable string in the hand-written serializers: length + 1 as a variable-length int (0 for null), then UTF-8.
 *
 * <p>A post crosses four network hops with some twenty strings each, so the bytes go through a per-thread scratch
 * buffer instead of a new array per string (a {@code getBytes} on the way out, a byte array on the way in; with the
 * strings themselves, 19 of the 98 GB a profiled benchmark run allocated), and each string is one {@code write} call,
 * its length included.
 */
public final class Utf8Strings {
    /** a task thread reuses its buffer; one larger than this (a very long text) is not kept */
    private static final int KEEP_BYTES = 64 * 1024;
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[1024]);

    private Utf8Strings() {}

    public static void write(String s, DataOutputView out) throws IOException {
        if (s == null) {
            out.writeByte(0);
            return;
        }
        int chars = s.length();
        // at most 3 bytes per char (a surrogate pair: 4 bytes for 2 chars), after room for the 5-byte length
        byte[] b = scratch(5 + 3 * chars);
        int end = encode(s, chars, b, 5);
        int n = end - 5 + 1;
        int start = 5 - varIntSize(n); // the length goes right before the bytes
        writeVarInt(b, start, n);
        out.write(b, start, end - start);
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
        int len = n - 1;
        byte[] bytes = scratch(len);
        in.readFully(bytes, 0, len);
        return new String(bytes, 0, len, StandardCharsets.UTF_8);
    }

    /**
     * UTF-8 of {@code s} into {@code b} from {@code at}, as {@code s.getBytes(UTF_8)} encodes it (an unpaired
     * surrogate becomes {@code '?'}); returns the end.
     */
    static int encode(String s, int chars, byte[] b, int at) {
        int p = at;
        for (int i = 0; i < chars; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                b[p++] = (byte) c;
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (!Character.isSurrogate(c)) {
                b[p++] = (byte) (0xE0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < chars && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[p++] = (byte) (0xF0 | (cp >> 18));
                b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                b[p++] = '?';
            }
        }
        return p;
    }

    private static int varIntSize(int n) {
        int size = 1;
        while (n >= 0x80) {
            n >>>= 7;
            size++;
        }
        return size;
    }

    private static void writeVarInt(byte[] b, int at, int n) {
        int p = at;
        while (n >= 0x80) {
            b[p++] = (byte) ((n & 0x7F) | 0x80);
            n >>>= 7;
        }
        b[p] = (byte) n;
    }

    /** This thread's buffer, grown to {@code size}; above {@link #KEEP_BYTES} a one-off array. */
    private static byte[] scratch(int size) {
        byte[] b = SCRATCH.get();
        if (b.length >= size) {
            return b;
        }
        if (size > KEEP_BYTES) {
            return new byte[size];
        }
        b = new byte[Math.max(size, Math.min(KEEP_BYTES, 2 * b.length))];
        SCRATCH.set(b);
        return b;
    }
}
