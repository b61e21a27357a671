package ru.tsur.dedup;

import java.time.Instant;
import ru.tsur.schema.Post;

/** Test posts. */
final class Posts {
    static final Instant T0 = Instant.parse("2026-11-02T03:00:00Z");

    private Posts() {}

    static Post.Builder post(String id, long minutes, String text) {
        return Post.newBuilder()
                .setId(id)
                .setSource(id.substring(0, id.indexOf(':')))
                .setPublishedAt(T0.plusSeconds(60 * minutes))
                .setPublishedOffset("+07:00")
                .setDt("2026-11-02")
                .setText(text)
                .setActionable(true);
    }
}
