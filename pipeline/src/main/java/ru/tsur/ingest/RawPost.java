package ru.tsur.ingest;

import java.time.OffsetDateTime;

/** A post that passed the JSON input contract (see schemas/README.md); text is still the original text. */
public record RawPost(
        String id,
        String source,
        OffsetDateTime publishedAt,
        String text,
        String url,
        String author,
        String regionHint,
        String replyTo,
        String repostOf,
        boolean official) {}
