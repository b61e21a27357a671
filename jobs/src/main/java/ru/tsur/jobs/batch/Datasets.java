package ru.tsur.jobs.batch;

import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import ru.tsur.report.AlertFact;
import ru.tsur.report.IncidentFact;
import ru.tsur.report.PostFact;

/** Bounded Flink sources over the warehouse's Parquet datasets, reading only the columns the report needs. */
public final class Datasets {
    private Datasets() {
    }

    static final List<String> POST_FIELDS = List.of("dt", "region_code", "region", "sector", "actionable", "topics");
    static final List<String> INCIDENT_FIELDS = List.of("incident_id", "version", "updated_at", "dt", "region_code",
            "region", "timezone", "sector", "topics", "severity", "actionable", "status", "responsible", "post_count",
            "first_seen", "first_reaction_at", "answered_at", "excerpt");
    static final List<String> ALERT_FIELDS = List.of("alert_id", "kind", "dt", "region_code", "region", "sector", "detail");

    // the mappers read columns by their position in these lists
    public static ProjectedParquetFormat<PostFact> postFacts() {
        return new ProjectedParquetFormat<>(POST_FIELDS, Datasets::postFact, TypeInformation.of(PostFact.class));
    }

    public static ProjectedParquetFormat<IncidentFact> incidentFacts() {
        return new ProjectedParquetFormat<>(INCIDENT_FIELDS, Datasets::incidentFact, new IncidentFactType());
    }

    public static ProjectedParquetFormat<AlertFact> alertFacts() {
        return new ProjectedParquetFormat<>(ALERT_FIELDS, Datasets::alertFact, TypeInformation.of(AlertFact.class));
    }

    static PostFact postFact(ParquetRow r) {
        return new PostFact(r.str(0), r.str(1), r.str(2), r.str(3), r.bool(4), r.joined(5));
    }

    static IncidentFact incidentFact(ParquetRow r) {
        return new IncidentFact(r.str(0), r.intValue(1), r.longValue(2), r.str(3), r.str(4), r.str(5), r.str(6),
                r.str(7), r.joined(8), r.str(9), r.bool(10), r.str(11), r.str(12), r.intValue(13), r.longValue(14),
                r.lng(15), r.lng(16), r.str(17));
    }

    static AlertFact alertFact(ParquetRow r) {
        return new AlertFact(r.str(0), r.str(1), r.str(2), r.str(3), r.str(4), r.str(5), r.str(6));
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
