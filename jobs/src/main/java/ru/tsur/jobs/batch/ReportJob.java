package ru.tsur.jobs.batch;

import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.function.SerializableFunction;
import ru.tsur.jobs.Environments;
import ru.tsur.report.AlertFact;
import ru.tsur.report.AlertTally;
import ru.tsur.report.FactTally;
import ru.tsur.report.IncidentFact;
import ru.tsur.report.IncidentSla;
import ru.tsur.report.IncidentTally;
import ru.tsur.report.PostFact;
import ru.tsur.report.PostTally;
import ru.tsur.report.ReportFacts;
import ru.tsur.report.ReportRow;
import ru.tsur.report.ReportWindow;

/**
 * The nightly report as a Flink batch job: posts, the latest version of every incident and spike alerts become
 * counter rows ({@link ReportRow}), pre-aggregated in each task (a few thousand rows leave it); one sink task merges
 * them and writes the weekly statistics, the federal export and the HTML report ({@link ReportOutputSink}).
 *
 * <p>Only incident versions cross the network in bulk (versions read close together combined first), partitioned
 * and sorted by a 64-bit hash of the incident id (BATCH mode's sorted keyed input; a number sorts much faster than a
 * string), so that each task sees the versions of one incident together and keeps one at a time.
 */
public final class ReportJob {
    private static final TypeInformation<ReportRow> ROWS = TypeInformation.of(ReportRow.class);
    /** Incidents each source task holds to combine their versions before the shuffle (some 20 MB). */
    static final int RECENT_INCIDENTS = 50_000;

    private ReportJob() {
    }

    /** The job's graph, from its sources to the pre-aggregated rows (merged by kind and key in the sink). */
    public static DataStream<ReportRow> build(DataStream<PostFact> posts, DataStream<IncidentFact> incidents,
                                              DataStream<AlertFact> alerts, ReportWindow window) {
        String asOfDay = window.date().toString();
        DataStream<ReportRow> postRows = posts
                .transform("tally posts", ROWS, tally(window, w -> new PostTally(facts(w)), false))
                .uid("report-tally-posts");
        DataStream<ReportRow> incidentRows = incidents
                .filter(f -> f.dt().compareTo(asOfDay) <= 0)
                .name("versions up to the report date").uid("report-incidents-as-of")
                .map(new TrimIncident(window)).returns(new IncidentFactType())
                .name("drop unused fields").uid("report-trim-incidents")
                .transform("combine recent versions", new IncidentFactType(), new CombineVersions(RECENT_INCIDENTS))
                .uid("report-combine-versions")
                .keyBy(f -> IncidentFact.idHash(f.incidentId()), Types.LONG)
                .transform("latest incident versions, tallied", ROWS,
                        tally(window, w -> new IncidentTally(facts(w)), true))
                .uid("report-tally-incidents");
        DataStream<ReportRow> alertRows = alerts
                .transform("tally spikes", ROWS, tally(window, w -> new AlertTally(facts(w)), false))
                .uid("report-tally-alerts");
        return postRows.union(incidentRows, alertRows);
    }

    private static <T> TallyOperator<T> tally(ReportWindow window,
                                              SerializableFunction<ReportWindow, FactTally<T>> tallies,
                                              boolean sortedInput) {
        return new TallyOperator<>(window, tallies, sortedInput);
    }

    static ReportFacts facts(ReportWindow window) {
        return new ReportFacts(window, IncidentSla.standard());
    }

    /** Reads the warehouse, runs the graph and writes the night's files under {@code out}. */
    public static void run(Path warehouse, LocalDate date, Path out, int lookbackDays, int parallelism) throws Exception {
        ReportWindow window = new ReportWindow(date, lookbackDays);
        WarehouseLayout layout = new WarehouseLayout(warehouse);
        StreamExecutionEnvironment env = Environments.batch(parallelism(parallelism));
        // the facts are immutable records, a new one per row read: chained operators pass them on without a copy,
        // and the tallies may keep them
        env.getConfig().enableObjectReuse();
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

    static final class TrimIncident implements MapFunction<IncidentFact, IncidentFact> {
        private final ReportWindow window;
        private transient ReportFacts facts;

        TrimIncident(ReportWindow window) {
            this.window = window;
        }

        @Override
        public IncidentFact map(IncidentFact f) {
            if (facts == null) {
                facts = facts(window);
            }
            return facts.trim(f);
        }
    }
}
