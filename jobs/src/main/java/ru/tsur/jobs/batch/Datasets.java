package ru.tsur.jobs.batch;

import java.nio.file.Path;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import ru.tsur.report.AlertFact;
import ru.tsur.report.IncidentFact;
import ru.tsur.report.PostFact;
import ru.tsur.schema.Alert;
import ru.tsur.schema.Incident;
import ru.tsur.schema.Post;

/** Bounded Flink sources over the warehouse's Parquet datasets, reading only the columns the report needs. */
public final class Datasets {
    private Datasets() {
    }

    static final List<String> POST_FIELDS = List.of("dt", "region_code", "region", "sector", "actionable", "topics");
    static final List<String> INCIDENT_FIELDS = List.of("incident_id", "version", "updated_at", "dt", "region_code",
            "region", "timezone", "sector", "topics", "severity", "actionable", "status", "responsible", "post_count",
            "first_seen", "first_reaction_at", "answered_at", "excerpt");
    static final List<String> ALERT_FIELDS = List.of("alert_id", "kind", "dt", "region_code", "region", "sector", "detail");

    public static ProjectedParquetFormat<PostFact> postFacts() {
        return new ProjectedParquetFormat<>(Post.getClassSchema(), POST_FIELDS, Datasets::postFact,
                TypeInformation.of(PostFact.class));
    }

    public static ProjectedParquetFormat<IncidentFact> incidentFacts() {
        return new ProjectedParquetFormat<>(Incident.getClassSchema(), INCIDENT_FIELDS, Datasets::incidentFact,
                TypeInformation.of(IncidentFact.class));
    }

    public static ProjectedParquetFormat<AlertFact> alertFacts() {
        return new ProjectedParquetFormat<>(Alert.getClassSchema(), ALERT_FIELDS, Datasets::alertFact,
                TypeInformation.of(AlertFact.class));
    }

    static PostFact postFact(GenericRecord r) {
        return new PostFact(ProjectedParquetFormat.str(r, "dt"), ProjectedParquetFormat.str(r, "region_code"),
                ProjectedParquetFormat.str(r, "region"), ProjectedParquetFormat.str(r, "sector"),
                Boolean.TRUE.equals(r.get("actionable")), ProjectedParquetFormat.joined(r, "topics"));
    }

    static IncidentFact incidentFact(GenericRecord r) {
        return new IncidentFact(
                ProjectedParquetFormat.str(r, "incident_id"),
                ((Number) r.get("version")).intValue(),
                ProjectedParquetFormat.lng(r, "updated_at"),
                ProjectedParquetFormat.str(r, "dt"),
                ProjectedParquetFormat.str(r, "region_code"),
                ProjectedParquetFormat.str(r, "region"),
                ProjectedParquetFormat.str(r, "timezone"),
                ProjectedParquetFormat.str(r, "sector"),
                ProjectedParquetFormat.joined(r, "topics"),
                ProjectedParquetFormat.str(r, "severity"),
                Boolean.TRUE.equals(r.get("actionable")),
                ProjectedParquetFormat.str(r, "status"),
                ProjectedParquetFormat.str(r, "responsible"),
                ((Number) r.get("post_count")).intValue(),
                ProjectedParquetFormat.lng(r, "first_seen"),
                ProjectedParquetFormat.lng(r, "first_reaction_at"),
                ProjectedParquetFormat.lng(r, "answered_at"),
                ProjectedParquetFormat.str(r, "excerpt"));
    }

    static AlertFact alertFact(GenericRecord r) {
        return new AlertFact(ProjectedParquetFormat.str(r, "alert_id"), ProjectedParquetFormat.str(r, "kind"),
                ProjectedParquetFormat.str(r, "dt"), ProjectedParquetFormat.str(r, "region_code"),
                ProjectedParquetFormat.str(r, "region"), ProjectedParquetFormat.str(r, "sector"),
                ProjectedParquetFormat.str(r, "detail"));
    }

    /** A bounded source over the given directories; an empty list gives an empty stream of the right type. */
    public static <T> DataStream<T> read(StreamExecutionEnvironment env, List<Path> dirs, ProjectedParquetFormat<T> format,
                                         String name) {
        if (dirs.isEmpty()) {
            // Flink 2.3's fromData fails at run time on an empty collection: one element, flat-mapped to nothing
            return env.fromSequence(0, 0).name(name).uid(name)
                    .flatMap((Long ignored, org.apache.flink.util.Collector<T> out) -> { })
                    .returns(format.getProducedType())
                    .name(name + " (none)").uid(name + "-none");
        }
        org.apache.flink.core.fs.Path[] paths = dirs.stream()
                .map(p -> new org.apache.flink.core.fs.Path(p.toUri()))
                .toArray(org.apache.flink.core.fs.Path[]::new);
        FileSource<T> source = FileSource.forRecordStreamFormat(format, paths).build();
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), name).uid(name);
    }
}
