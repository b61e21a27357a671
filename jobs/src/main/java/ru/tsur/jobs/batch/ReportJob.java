package ru.tsur.jobs.batch;

import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.flink.api.common.RuntimeExecutionMode;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.functions.MapPartitionFunction;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.NettyShuffleEnvironmentOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import ru.tsur.report.AlertFact;
import ru.tsur.report.IncidentFact;
import ru.tsur.report.IncidentSla;
import ru.tsur.report.PostFact;
import ru.tsur.report.ReportFacts;
import ru.tsur.report.ReportRow;
import ru.tsur.report.ReportWindow;
import ru.tsur.report.RowTally;
import ru.tsur.report.WorkCalendar;

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
        StreamExecutionEnvironment env = batchEnvironment(parallelism);
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

    /**
     * Entry point without the CLI: {@code --warehouse DIR --date YYYY-MM-DD [--out DIR] [--parallelism N]
     * [--lookback-days N]}; the output defaults to {@code <warehouse>/reports}.
     */
    public static void main(String[] args) throws Exception {
        java.util.Map<String, String> opts = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            opts.put(args[i].substring(2), args[i + 1]);
        }
        if (!opts.containsKey("warehouse") || !opts.containsKey("date")) {
            System.err.println("usage: ReportJob --warehouse DIR --date YYYY-MM-DD [--out DIR] [--parallelism N] [--lookback-days N]");
            System.exit(2);
        }
        Path warehouse = Path.of(opts.get("warehouse"));
        run(warehouse, LocalDate.parse(opts.get("date")),
                opts.containsKey("out") ? Path.of(opts.get("out")) : warehouse.resolve("reports"),
                Integer.parseInt(opts.getOrDefault("lookback-days", Integer.toString(ReportWindow.DEFAULT_LOOKBACK_DAYS))),
                Integer.parseInt(opts.getOrDefault("parallelism", "0")));
    }

    /** BATCH mode, no restarts, and no Kryo: every flowing type must have a Flink serializer of its own. */
    public static StreamExecutionEnvironment batchEnvironment(int parallelism) {
        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        // one machine: compressing shuffle data only costs CPU; sorting in memory avoids spilling to disk
        conf.set(NettyShuffleEnvironmentOptions.SHUFFLE_COMPRESSION_CODEC, NettyShuffleEnvironmentOptions.CompressionCodec.NONE);
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(512));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        if (parallelism > 0) {
            env.setParallelism(parallelism);
        }
        return env;
    }

    static final class TallyPosts implements MapPartitionFunction<PostFact, ReportRow> {
        private final ReportWindow window;

        TallyPosts(ReportWindow window) {
            this.window = window;
        }

        @Override
        public void mapPartition(Iterable<PostFact> values, Collector<ReportRow> out) {
            ReportFacts facts = new ReportFacts(window, new IncidentSla(WorkCalendar.russian()));
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
                facts = new ReportFacts(window, new IncidentSla(WorkCalendar.russian()));
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
            ReportFacts facts = new ReportFacts(window, new IncidentSla(WorkCalendar.russian()));
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
            ReportFacts facts = new ReportFacts(window, new IncidentSla(WorkCalendar.russian()));
            for (AlertFact a : values) {
                facts.alert(a, out::collect);
            }
        }
    }
}
