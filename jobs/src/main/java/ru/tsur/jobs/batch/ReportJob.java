package ru.tsur.jobs.batch;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.functions.MapPartitionFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import ru.tsur.jobs.Environments;
import ru.tsur.report.AlertFact;
import ru.tsur.report.IncidentFact;
import ru.tsur.report.IncidentSla;
import ru.tsur.report.PostFact;
import ru.tsur.report.ReportFacts;
import ru.tsur.report.ReportRow;
import ru.tsur.report.ReportWindow;
import ru.tsur.report.RowTally;

/**
 * The nightly report as a Flink batch job: posts, the latest version of every incident and spike alerts become
 * counter rows ({@link ReportRow}), pre-aggregated in each task and reduced by key; one sink assembles the weekly
 * statistics, the federal export and the HTML report ({@link ReportOutputSink}).
 */
public final class ReportJob {
    private ReportJob() {
    }

    /** The job's graph, from its sources to the reduced rows; callers attach the sink. */
    public static DataStream<ReportRow> build(DataStream<PostFact> posts, DataStream<IncidentFact> incidents,
                                              DataStream<AlertFact> alerts, ReportWindow window) {
        String asOfDay = window.date().toString();
        DataStream<ReportRow> postRows = posts
                .fullWindowPartition()
                .mapPartition(new TallyPosts(window))
                .name("tally posts").uid("report-tally-posts");
        DataStream<ReportRow> incidentRows = incidents
                .filter(f -> f.dt().compareTo(asOfDay) <= 0)
                .name("versions up to the report date").uid("report-incidents-as-of")
                .map(new TrimIncident(window))
                .name("drop unused fields").uid("report-trim-incidents")
                .keyBy(IncidentFact::incidentId)
                .reduce(IncidentFact::latest)
                .name("latest incident version").uid("report-latest-incident")
                .fullWindowPartition()
                .mapPartition(new TallyIncidents(window))
                .name("tally incidents").uid("report-tally-incidents");
        DataStream<ReportRow> alertRows = alerts
                .fullWindowPartition()
                .mapPartition(new TallyAlerts(window))
                .name("tally spikes").uid("report-tally-alerts");
        return postRows.union(incidentRows, alertRows)
                .keyBy(ReportRow::groupKey)
                .reduce(ReportRow::merge)
                .name("reduce report rows").uid("report-reduce-rows");
    }

    /** Reads the warehouse, runs the graph and writes the night's files under {@code out}. */
    public static void run(Path warehouse, LocalDate date, Path out, int lookbackDays, int parallelism) throws Exception {
        ReportWindow window = new ReportWindow(date, lookbackDays);
        WarehouseLayout layout = new WarehouseLayout(warehouse);
        StreamExecutionEnvironment env = Environments.batch(parallelism(parallelism));
        DataStream<PostFact> posts = Datasets.read(env, layout.inputs("posts", window.from(), date),
                Datasets.postFacts(), "posts");
        DataStream<IncidentFact> incidents = Datasets.read(env, layout.inputs("incidents", window.incidentsFrom(), date),
                Datasets.incidentFacts(), "incidents");
        DataStream<AlertFact> alerts = Datasets.read(env, layout.inputs("alerts", window.from(), date),
                Datasets.alertFacts(), "alerts");
        build(posts, incidents, alerts, window)
                .sinkTo(new ReportOutputSink(window, out.toAbsolutePath().toString()))
                .setParallelism(1)
                .name("report files").uid("report-files");
        env.execute("pulse report " + date);
    }

    /** The requested parallelism, or one task per core when 0. */
    static int parallelism(int requested) {
        return requested > 0 ? requested : Runtime.getRuntime().availableProcessors();
    }

    static final class TallyPosts implements MapPartitionFunction<PostFact, ReportRow> {
        private final ReportWindow window;

        TallyPosts(ReportWindow window) {
            this.window = window;
        }

        @Override
        public void mapPartition(Iterable<PostFact> values, Collector<ReportRow> out) {
            ReportFacts facts = new ReportFacts(window, IncidentSla.standard());
            // equal posts (same day, region, sector, topics) are counted once as a whole
            Map<PostFact, long[]> shapes = new HashMap<>();
            for (PostFact p : values) {
                shapes.computeIfAbsent(p, k -> new long[1])[0]++;
            }
            RowTally tally = new RowTally();
            shapes.forEach((p, n) -> facts.posts(p, n[0], tally::add));
            tally.rows().forEach(out::collect);
        }
    }

    static final class TrimIncident implements MapFunction<IncidentFact, IncidentFact> {
        private final ReportWindow window;
        private transient ReportFacts facts;

        TrimIncident(ReportWindow window) {
            this.window = window;
        }

        @Override
        public IncidentFact map(IncidentFact f) {
            if (facts == null) {
                facts = new ReportFacts(window, IncidentSla.standard());
            }
            return facts.trim(f);
        }
    }

    static final class TallyIncidents implements MapPartitionFunction<IncidentFact, ReportRow> {
        private final ReportWindow window;

        TallyIncidents(ReportWindow window) {
            this.window = window;
        }

        @Override
        public void mapPartition(Iterable<IncidentFact> values, Collector<ReportRow> out) {
            ReportFacts facts = new ReportFacts(window, IncidentSla.standard());
            RowTally tally = new RowTally();
            for (IncidentFact f : values) {
                facts.incident(f, tally::add);
            }
            tally.rows().forEach(out::collect);
        }
    }

    static final class TallyAlerts implements MapPartitionFunction<AlertFact, ReportRow> {
        private final ReportWindow window;

        TallyAlerts(ReportWindow window) {
            this.window = window;
        }

        @Override
        public void mapPartition(Iterable<AlertFact> values, Collector<ReportRow> out) {
            ReportFacts facts = new ReportFacts(window, IncidentSla.standard());
            for (AlertFact a : values) {
                facts.alert(a, out::collect);
            }
        }
    }
}
