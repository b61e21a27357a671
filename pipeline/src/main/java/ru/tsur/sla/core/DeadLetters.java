package ru.tsur.sla.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import ru.tsur.schema.DeadLetter;
import ru.tsur.schema.IncidentEvent;

/** Dead letters of the SLA stage. */
public final class DeadLetters {
    private DeadLetters() {}

    public static DeadLetter of(String source, String reason, String detail, byte[] raw) {
        return DeadLetter.newBuilder()
                .setSource(source)
                .setReason(reason)
                .setDetail(detail == null ? reason : detail)
                .setRaw(ByteBuffer.wrap(raw == null ? new byte[0] : raw))
                .setReceivedAt(Instant.now())
                .build();
    }

    /** A parsed event that could not be applied; its raw form is re-encoded as contract JSON. */
    public static DeadLetter of(String source, String reason, String detail, IncidentEvent e) {
        return of(source, reason, detail, toJson(e).getBytes(StandardCharsets.UTF_8));
    }

    static String toJson(IncidentEvent e) {
        var n = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        n.put("incident_id", e.getIncidentId());
        n.put("post_id", e.getPostId());
        n.put("type", e.getType());
        n.put("at", e.getAt().toString());
        n.put("by", e.getBy());
        n.put("text", e.getText());
        return n.toString();
    }
}
