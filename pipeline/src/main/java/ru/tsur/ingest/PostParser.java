package ru.tsur.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * Parses one JSON record of the input contract straight from its bytes (no intermediate String or tree) and
 * validates it. Never throws on bad input: every problem becomes a {@link ParseResult.Rejected} with a reason.
 * Not thread-safe only in the sense that the clock is shared; instances are cheap and immutable.
 */
public final class PostParser {

    public static final Set<String> SOURCES =
            Set.of("vk", "ok", "telegram", "portal", "hotline", "messenger", "media", "other");

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
            .build();

    private final IngestLimits limits;
    private final Clock clock;

    public PostParser(IngestLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    public PostParser() {
        this(IngestLimits.defaults(), Clock.systemUTC());
    }

    public ParseResult<RawPost> parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return ParseResult.rejected(RejectReason.EMPTY_RECORD, "record has no bytes");
        }
        if (bytes.length > limits.maxRecordBytes()) {
            return ParseResult.rejected(RejectReason.TOO_LARGE,
                    "record of " + bytes.length + " bytes exceeds " + limits.maxRecordBytes());
        }
        if (!Utf8.isValid(bytes)) {
            // checked first: Jackson accepts overlong forms and encoded surrogates inside strings
            return ParseResult.rejected(RejectReason.INVALID_ENCODING, "not valid UTF-8 (" + bytes.length + " bytes)");
        }
        try (JsonParser p = JSON.createParser(bytes)) {
            return parseObject(p);
        } catch (WrongType e) {
            return ParseResult.rejected(RejectReason.WRONG_TYPE, e.getMessage());
        } catch (StreamConstraintsException e) {
            return ParseResult.rejected(RejectReason.MALFORMED_JSON, "too deeply nested: " + firstLine(e));
        } catch (IOException e) {
            // the bytes are valid UTF-8 here (checked above), whatever Jackson's message says about encodings
            return ParseResult.rejected(RejectReason.MALFORMED_JSON, firstLine(e));
        } catch (RuntimeException e) {
            // last line of defence: a parser bug must not fail the job
            return ParseResult.rejected(RejectReason.MALFORMED_JSON, e.getClass().getSimpleName() + ": " + firstLine(e));
        }
    }

    private ParseResult<RawPost> parseObject(JsonParser p) throws IOException {
        JsonToken first = p.nextToken();
        if (first != JsonToken.START_OBJECT) {
            return ParseResult.rejected(RejectReason.NOT_AN_OBJECT, "top-level JSON value is " + describe(first));
        }
        Fields f = new Fields();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "id" -> f.id = string(p, value, name);
                case "source" -> f.source = string(p, value, name);
                case "published_at" -> f.publishedAt = string(p, value, name);
                case "text" -> f.text = string(p, value, name);
                case "url" -> f.url = string(p, value, name);
                case "author" -> f.author = string(p, value, name);
                case "region" -> f.region = scalarAsString(p, value, name);
                case "reply_to" -> f.replyTo = string(p, value, name);
                case "repost_of" -> f.repostOf = string(p, value, name);
                case "official" -> f.official = bool(value, name);
                default -> p.skipChildren(); // unknown fields are ignored by contract
            }
        }
        if (p.nextToken() != null) {
            return ParseResult.rejected(RejectReason.MALFORMED_JSON, "data after the end of the JSON object");
        }
        return validate(f);
    }

    private ParseResult<RawPost> validate(Fields f) {
        ParseResult<RawPost> missing = requireText("id", f.id);
        if (missing == null) missing = requireText("source", f.source);
        if (missing == null) missing = requireText("published_at", f.publishedAt);
        if (missing == null) missing = requireText("text", f.text);
        if (missing != null) {
            return missing;
        }
        for (String[] field : new String[][] {
                {"id", f.id}, {"url", f.url}, {"author", f.author}, {"region", f.region},
                {"reply_to", f.replyTo}, {"repost_of", f.repostOf}}) {
            if (field[1] != null && field[1].length() > limits.maxFieldChars()) {
                return ParseResult.rejected(RejectReason.FIELD_TOO_LONG,
                        field[0] + " has " + field[1].length() + " characters, limit " + limits.maxFieldChars());
            }
        }
        if (!SOURCES.contains(f.source)) {
            return ParseResult.rejected(RejectReason.INVALID_SOURCE,
                    "source '" + clip(f.source) + "' is not one of " + String.join("|", SOURCES.stream().sorted().toList()));
        }
        if (f.text.length() > limits.maxTextChars()) {
            return ParseResult.rejected(RejectReason.TEXT_TOO_LONG,
                    "text has " + f.text.length() + " characters, limit " + limits.maxTextChars());
        }
        OffsetDateTime published;
        try {
            published = OffsetDateTime.parse(f.publishedAt.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            return ParseResult.rejected(RejectReason.BAD_TIMESTAMP,
                    "published_at '" + clip(f.publishedAt) + "' is not ISO-8601 with an offset");
        }
        Instant at = published.toInstant();
        Instant now = clock.instant();
        if (at.isAfter(now.plus(limits.maxFutureSkew()))) {
            return ParseResult.rejected(RejectReason.FUTURE_TIMESTAMP,
                    "published_at " + published + " is more than " + limits.maxFutureSkew() + " after now (" + now + ")");
        }
        if (at.isBefore(limits.earliest())) {
            return ParseResult.rejected(RejectReason.ANCIENT_TIMESTAMP,
                    "published_at " + published + " is before " + limits.earliest());
        }
        return new ParseResult.Accepted<>(new RawPost(f.id.trim(), f.source, published, f.text, blankToNull(f.url),
                blankToNull(f.author), blankToNull(f.region), blankToNull(f.replyTo), blankToNull(f.repostOf),
                f.official));
    }

    private static ParseResult<RawPost> requireText(String name, String value) {
        if (value == null) {
            return ParseResult.rejected(RejectReason.MISSING_FIELD, "required field '" + name + "' is missing or null");
        }
        if (value.isBlank()) {
            return ParseResult.rejected(RejectReason.EMPTY_FIELD, "required field '" + name + "' is empty");
        }
        return null;
    }

    /** Reads a string value; any other type is a contract violation. */
    private static String string(JsonParser p, JsonToken t, String name) throws IOException {
        if (t == JsonToken.VALUE_STRING) return p.getText();
        if (t == JsonToken.VALUE_NULL) return null;
        throw new WrongType(typeProblem(name, "string", t));
    }

    /** The region hint is often sent as a number (46) as well as a string ("46"). */
    private static String scalarAsString(JsonParser p, JsonToken t, String name) throws IOException {
        if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT) return p.getText();
        if (t == JsonToken.VALUE_NULL) return null;
        throw new WrongType(typeProblem(name, "string or integer", t));
    }

    private static boolean bool(JsonToken t, String name) throws WrongType {
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) return t == JsonToken.VALUE_TRUE;
        if (t == JsonToken.VALUE_NULL) return false;
        throw new WrongType(typeProblem(name, "boolean", t));
    }

    private static String typeProblem(String name, String expected, JsonToken got) {
        return "field '" + name + "' must be " + expected + ", got " + describe(got);
    }

    private static String describe(JsonToken t) {
        if (t == null) return "nothing";
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.name();
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String clip(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static final class Fields {
        String id, source, publishedAt, text, url, author, region, replyTo, repostOf;
        boolean official;
    }

    /** Carries a type problem out of a field read; caught in {@link #parseObject}. */
    private static final class WrongType extends IOException {
        WrongType(String problem) {
            super(problem);
        }
    }
}
