package ru.tsur.ingest;

import java.util.Locale;

/** Why a record went to the dead-letter output; the slug is stored on the dead letter. */
public enum RejectReason {
    EMPTY_RECORD,
    INVALID_ENCODING,
    MALFORMED_JSON,
    NOT_AN_OBJECT,
    TOO_LARGE,
    MISSING_FIELD,
    EMPTY_FIELD,
    WRONG_TYPE,
    INVALID_SOURCE,
    BAD_TIMESTAMP,
    FUTURE_TIMESTAMP,
    ANCIENT_TIMESTAMP,
    TEXT_TOO_LONG,
    FIELD_TOO_LONG;

    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }
}
