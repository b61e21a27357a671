package ru.tsur.sla.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import ru.tsur.schema.IncidentEvent;

/**
 * Parses one message of topic incident-events into an {@link IncidentEvent}, or says why it cannot:
 * {@code {"incident_id" | "post_id", "type": "accepted|answered|resolved|reopened|rejected", "at": ISO-8601 with an
 * offset, "by": "...", "text": "..."}}. Reason codes: not_utf8, empty, malformed_json, not_object, missing_field, bad_type,
 * bad_timestamp.
 */
public final class IncidentEventParser {
    public static final int MAX_TEXT = 4000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Either {@code event} or {@code reason} + {@code detail}. */
    public record Result(IncidentEvent event, String reason, String detail) {
        static Result bad(String reason, String detail) {
            return new Result(null, reason, detail);
        }

        public boolean ok() {
            return event != null;
        }
    }

    private IncidentEventParser() {}

    public static Result parse(byte[] raw) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw == null ? new byte[0] : raw))
                    .toString();
        } catch (CharacterCodingException e) {
            return Result.bad("not_utf8", "message is not valid UTF-8");
        }
        if (text.isBlank()) {
            return Result.bad("empty", "empty message");
        }
        JsonNode n;
        try {
            n = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return Result.bad("malformed_json", e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            return Result.bad("not_object", "expected a JSON object");
        }
        String incidentId = str(n, "incident_id");
        String postId = str(n, "post_id");
        if (incidentId == null && postId == null) {
            return Result.bad("missing_field", "incident_id or post_id is required");
        }
        String type = str(n, "type");
        if (type == null) {
            return Result.bad("missing_field", "type is required");
        }
        EventType t = EventType.fromSlug(type.toLowerCase(java.util.Locale.ROOT));
        if (t == null) {
            return Result.bad("bad_type", "type must be accepted|answered|resolved|reopened|rejected, got: "
                    + cut(type, 40));
        }
        String at = str(n, "at");
        if (at == null) {
            return Result.bad("missing_field", "at is required");
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(at).toInstant();
        } catch (DateTimeParseException e) {
            return Result.bad("bad_timestamp", "at must be ISO-8601 with an offset, got: " + cut(at, 40));
        }
        return new Result(IncidentEvent.newBuilder()
                .setIncidentId(incidentId)
                .setPostId(postId)
                .setType(t.slug())
                .setAt(instant)
                .setBy(cut(str(n, "by"), 300))
                .setText(cut(str(n, "text"), MAX_TEXT))
                .build(), null, null);
    }

    /** A non-blank string field, or null (numbers are accepted as ids: some senders write them unquoted). */
    private static String str(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || !(v.isTextual() || v.isNumber())) {
            return null;
        }
        String s = v.asText().strip();
        return s.isEmpty() ? null : s;
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
