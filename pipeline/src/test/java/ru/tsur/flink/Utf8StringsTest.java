package ru.tsur.flink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class Utf8StringsTest {

    /** The wire format of the version before the scratch buffer: a reader of either reads the other. */
    private static byte[] legacy(String s) {
        if (s == null) {
            return new byte[] {0};
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        DataOutputSerializer out = new DataOutputSerializer(16);
        try {
            int n = b.length + 1;
            while (n >= 0x80) {
                out.writeByte((n & 0x7F) | 0x80);
                n >>>= 7;
            }
            out.writeByte(n);
            out.write(b);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.getCopyOfBuffer();
    }

    private static List<String> samples() {
        List<String> l = new ArrayList<>();
        l.add(null);
        l.add("");
        l.add("roads");
        l.add("Яма на дороге у дома 5, ул. Ленина — третий год!");
        l.add("смайл 😀 и флаг 🇷🇺");
        l.add("broken \uD83D pair");          // unpaired high surrogate
        l.add("broken \uDE00 low");            // unpaired low surrogate
        l.add("tail high \uD83D");             // high surrogate at the end
        l.add("€ ₽ ‰ \u0800 \u07FF \u007F \u0080 \uFFFF");
        l.add("x".repeat(127));                // length + 1 = 128: a two-byte length
        l.add("ж".repeat(70_000));             // beyond the buffer a thread keeps
        Random r = new Random(7);
        for (int i = 0; i < 500; i++) {
            char[] c = new char[r.nextInt(60)];
            for (int j = 0; j < c.length; j++) {
                c[j] = (char) switch (r.nextInt(4)) {
                    case 0 -> r.nextInt(0x80);
                    case 1 -> 0x400 + r.nextInt(0x60);
                    case 2 -> 0xD800 + r.nextInt(0x800); // surrogates, paired or not
                    default -> r.nextInt(0x10000);
                };
            }
            l.add(new String(c));
        }
        return l;
    }

    @Test
    void writesTheBytesOfTheEarlierFormat() throws IOException {
        for (String s : samples()) {
            DataOutputSerializer out = new DataOutputSerializer(16);
            Utf8Strings.write(s, out);
            assertArrayEquals(legacy(s), out.getCopyOfBuffer(), () -> "for " + s);
        }
    }

    @Test
    void stringsInOneBufferComeBackAsStringDecodesThem() throws IOException {
        List<String> all = samples();
        DataOutputSerializer out = new DataOutputSerializer(64);
        for (String s : all) {
            Utf8Strings.write(s, out);
        }
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        for (String s : all) {
            String back = Utf8Strings.read(in);
            if (s == null) {
                assertNull(back);
            } else {
                // what UTF-8 keeps of the string: unpaired surrogates come back as '?'
                assertEquals(new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8), back);
            }
        }
        assertEquals(0, in.available());
    }
}
