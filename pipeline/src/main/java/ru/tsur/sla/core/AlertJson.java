package ru.tsur.sla.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import ru.tsur.schema.Alert;

/** The alert as JSON, for topic {@code alerts}, the webhook and {@code tsur analyze --alerts}; instants as ISO-8601 UTC. */
public final class AlertJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertJson() {}

    public static ObjectNode toNode(Alert a) {
        ObjectNode n = JSON.createObjectNode();
        n.put("alert_id", a.getAlertId());
        n.put("incident_id", a.getIncidentId());
        n.put("kind", a.getKind());
        n.put("level", a.getLevel());
        n.put("deadline", iso(a.getDeadline()));
        n.put("raised_at", iso(a.getRaisedAt()));
        n.put("sector", a.getSector());
        n.put("severity", a.getSeverity());
        n.put("region_code", a.getRegionCode());
        n.put("region", a.getRegion());
        n.put("municipality", a.getMunicipality());
        n.put("responsible", a.getResponsible());
        ArrayNode ids = n.putArray("post_ids");
        a.getPostIds().forEach(ids::add);
        n.put("url", a.getUrl());
        n.put("excerpt", a.getExcerpt());
        n.put("detail", a.getDetail());
        n.put("dt", a.getDt());
        return n;
    }

    public static String toJson(Alert a) {
        return toNode(a).toString();
    }

    public static byte[] toBytes(Alert a) {
        return toJson(a).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String iso(Instant t) {
        return t == null ? null : t.toString();
    }
}
