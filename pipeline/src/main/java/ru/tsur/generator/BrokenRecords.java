package ru.tsur.generator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Records that must go to the dead-letter output, each with the reason it must get: the garbage a scraper really
 * sends. Used by tests and the demo to show that read = accepted + rejected.
 */
public final class BrokenRecords {

    /** A bad record and the reject reason slug it must produce. */
    public record Broken(String expectedReason, byte[] bytes) {}

    private BrokenRecords() {}

    public static List<Broken> all() {
        List<Broken> b = new ArrayList<>();
        add(b, "malformed_json", "{\"id\": \"vk:1\", \"source\": \"vk\", \"text\": \"обрыв");
        add(b, "malformed_json", "это вообще не json");
        add(b, "not_an_object", "[1, 2, 3]");
        add(b, "not_an_object", "\"просто строка\"");
        add(b, "missing_field", "{\"source\":\"vk\",\"published_at\":\"2026-03-02T09:15:00+03:00\",\"text\":\"Ямы\"}");
        add(b, "missing_field", "{\"id\":\"vk:2\",\"source\":\"vk\",\"published_at\":\"2026-03-02T09:15:00+03:00\"}");
        add(b, "empty_field", "{\"id\":\"vk:3\",\"source\":\"vk\",\"published_at\":\"2026-03-02T09:15:00+03:00\",\"text\":\"   \"}");
        add(b, "wrong_type", "{\"id\":42,\"source\":\"vk\",\"published_at\":\"2026-03-02T09:15:00+03:00\",\"text\":\"Ямы\"}");
        add(b, "wrong_type", "{\"id\":\"vk:4\",\"source\":\"vk\",\"published_at\":\"2026-03-02T09:15:00+03:00\",\"text\":{\"a\":1}}");
        add(b, "wrong_type", "{\"id\":\"vk:5\",\"source\":\"vk\",\"published_at\":\"2026-03-02T09:15:00+03:00\",\"text\":\"x\",\"official\":\"yes\"}");
        add(b, "invalid_source", "{\"id\":\"ig:6\",\"source\":\"instagram\",\"published_at\":\"2026-03-02T09:15:00+03:00\",\"text\":\"Ямы\"}");
        add(b, "bad_timestamp", "{\"id\":\"vk:7\",\"source\":\"vk\",\"published_at\":\"вчера\",\"text\":\"Ямы\"}");
        add(b, "bad_timestamp", "{\"id\":\"vk:8\",\"source\":\"vk\",\"published_at\":\"2026-03-02T09:15:00\",\"text\":\"Ямы\"}");
        add(b, "future_timestamp", "{\"id\":\"vk:9\",\"source\":\"vk\",\"published_at\":\"2100-01-01T00:00:00+03:00\",\"text\":\"Ямы\"}");
        add(b, "ancient_timestamp", "{\"id\":\"vk:10\",\"source\":\"vk\",\"published_at\":\"1970-01-01T00:00:00Z\",\"text\":\"Ямы\"}");
        add(b, "text_too_long", "{\"id\":\"vk:11\",\"source\":\"vk\",\"published_at\":\"2026-03-02T09:15:00+03:00\",\"text\":\""
                + "я".repeat(40_000) + "\"}");
        add(b, "malformed_json", "{\"id\":\"vk:12\",\"nested\":" + "[".repeat(500) + "]".repeat(500) + "}");
        b.add(new Broken("invalid_encoding", concat("{\"id\":\"vk:13\",\"source\":\"vk\",\"published_at\":\"2026-03-02T09:15:00+03:00\",\"text\":\"",
                new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF}, "\"}")));
        b.add(new Broken("invalid_encoding", new byte[] {0, 1, 2, 3, (byte) 0x89, 'P', 'N', 'G'}));
        b.add(new Broken("empty_record", new byte[0]));
        return b;
    }

    private static void add(List<Broken> b, String reason, String json) {
        b.add(new Broken(reason, json.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] concat(String a, byte[] mid, String c) {
        byte[] x = a.getBytes(StandardCharsets.UTF_8), z = c.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[x.length + mid.length + z.length];
        System.arraycopy(x, 0, out, 0, x.length);
        System.arraycopy(mid, 0, out, x.length, mid.length);
        System.arraycopy(z, 0, out, x.length + mid.length, z.length);
        return out;
    }
}
