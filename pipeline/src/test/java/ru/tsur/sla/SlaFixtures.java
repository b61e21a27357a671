package ru.tsur.sla;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import ru.tsur.schema.IncidentEvent;
import ru.tsur.schema.Post;

/** Posts and events for SLA tests; times are ISO-8601 with an offset, as people write them. */
public final class SlaFixtures {
    private SlaFixtures() {}

    public static Instant t(String iso) {
        return OffsetDateTime.parse(iso).toInstant();
    }

    public static Post.Builder post(String id, String incidentId, String at) {
        Instant ts = t(at);
        return Post.newBuilder()
                .setId(id)
                .setSource("vk")
                .setPublishedAt(ts)
                .setPublishedOffset("+03:00")
                .setDt(at.substring(0, 10))
                .setText("Яма на дороге по ул. Ленина, машины бьют колёса!!! 😡")
                .setUrl("https://vk.com/wall-1_" + id)
                .setRegionCode("46")
                .setRegion("Курская")
                .setMunicipality("Курск")
                .setTimezone("+03:00")
                .setGeoMethod("text")
                .setSector("roads")
                .setTopics(List.of("pothole"))
                .setActionable(true)
                .setSeverity("normal")
                .setIncidentId(incidentId)
                .setDedupMethod("new")
                .setIngestedAt(ts);
    }

    public static IncidentEvent event(String incidentId, String type, String at) {
        return IncidentEvent.newBuilder().setIncidentId(incidentId).setType(type).setAt(t(at))
                .setBy("Комитет дорожного хозяйства города Курска").setText("принято в работу").build();
    }
}
