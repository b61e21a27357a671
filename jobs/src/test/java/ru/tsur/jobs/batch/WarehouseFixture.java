package ru.tsur.jobs.batch;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import ru.tsur.schema.Alert;
import ru.tsur.schema.Incident;
import ru.tsur.schema.Post;

/** Small hand-made datasets for tests: build posts, incident versions and alerts, then write them as Parquet. */
final class WarehouseFixture {
    static final String EKB_TZ = "+05:00";

    private final List<Post> posts = new ArrayList<>();
    private final List<Incident> incidents = new ArrayList<>();
    private final List<Alert> alerts = new ArrayList<>();
    private int seq;

    static Instant at(String localDateTime, String tz) {
        return LocalDateTime.parse(localDateTime).toInstant(ZoneOffset.of(tz));
    }

    /** A post published at a local time in region 66 (Sverdlovsk oblast) unless changed by the caller. */
    Post.Builder post(String local, String sector, boolean actionable, String... topics) {
        Instant t = at(local, EKB_TZ);
        Post.Builder b = Post.newBuilder()
                .setId("vk:wall-1_" + (++seq))
                .setSource("vk")
                .setPublishedAt(t)
                .setPublishedOffset(EKB_TZ)
                .setDt(local.substring(0, 10))
                .setText("Текст обращения " + seq)
                .setRegionCode("66")
                .setRegion("Свердловская")
                .setMunicipality("Екатеринбург")
                .setTimezone(EKB_TZ)
                .setSector(sector)
                .setTopics(List.of(topics))
                .setActionable(actionable)
                .setSeverity("normal")
                .setIngestedAt(t);
        return b;
    }

    WarehouseFixture add(Post.Builder p) {
        posts.add(p.build());
        return this;
    }

    /** The first version of an incident first seen at a local time in region 66. */
    Incident.Builder incident(String id, String local, String sector, String severity, String... topics) {
        Instant t = at(local, EKB_TZ);
        return Incident.newBuilder()
                .setIncidentId(id)
                .setVersion(1)
                .setFirstPostId("vk:" + id)
                .setSector(sector)
                .setTopics(List.of(topics))
                .setSeverity(severity)
                .setActionable(true)
                .setRegionCode("66")
                .setRegion("Свердловская")
                .setMunicipality("Екатеринбург")
                .setTimezone(EKB_TZ)
                .setPostCount(1)
                .setPostIds(List.of("vk:" + id))
                .setPlatforms(List.of("vk"))
                .setFirstSeen(t)
                .setLastSeen(t)
                .setStatus("open")
                .setResponsible("Администрация г. Екатеринбурга")
                .setDt(local.substring(0, 10))
                .setUpdatedAt(t);
    }

    /** Adds a version; the partition is the local date of its update. */
    WarehouseFixture add(Incident.Builder version) {
        Incident i = version.build();
        incidents.add(i);
        return this;
    }

    /** A later version of {@code base}: status change at a local time. */
    static Incident.Builder change(Incident.Builder base, int version, String local, String status) {
        Instant t = at(local, EKB_TZ);
        return Incident.newBuilder(base.build()).setVersion(version).setStatus(status)
                .setDt(local.substring(0, 10)).setUpdatedAt(t).setLastSeen(t);
    }

    WarehouseFixture spike(String id, String local, String sector, String detail) {
        Instant t = at(local, EKB_TZ);
        alerts.add(Alert.newBuilder().setAlertId(id).setKind("spike").setRaisedAt(t).setSector(sector)
                .setRegionCode("66").setRegion("Свердловская").setDetail(detail).setDt(local.substring(0, 10)).build());
        return this;
    }

    WarehouseFixture overdueAlert(String id, String incidentId, String local) {
        Instant t = at(local, EKB_TZ);
        alerts.add(Alert.newBuilder().setAlertId(id).setIncidentId(incidentId).setKind("reaction_overdue")
                .setRaisedAt(t).setSector("roads").setRegionCode("66").setDt(local.substring(0, 10)).build());
        return this;
    }

    void write(Path warehouse) throws IOException {
        try (DatasetWriter<Post> p = new DatasetWriter<>(warehouse, "posts", Post.class, Post::getDt, "part-0.parquet");
             DatasetWriter<Incident> i = new DatasetWriter<>(warehouse, "incidents", Incident.class, Incident::getDt, "part-0.parquet");
             DatasetWriter<Alert> a = new DatasetWriter<>(warehouse, "alerts", Alert.class, Alert::getDt, "part-0.parquet")) {
            posts.forEach(p::write);
            incidents.forEach(i::write);
            alerts.forEach(a::write);
        }
    }
}
