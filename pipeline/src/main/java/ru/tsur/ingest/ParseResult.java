package ru.tsur.ingest;

/** Outcome of parsing one record: either an accepted post or a rejection with reason and detail. */
public sealed interface ParseResult<T> {

    record Accepted<T>(T value) implements ParseResult<T> {}

    record Rejected<T>(RejectReason reason, String detail) implements ParseResult<T> {}

    static <T> ParseResult<T> rejected(RejectReason reason, String detail) {
        return new Rejected<>(reason, detail);
    }
}
