package ru.tsur.jobs.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import ru.tsur.jobs.DuckDb;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import ru.tsur.dedup.DedupOptions;
import ru.tsur.dedup.eval.ClusterScores;
import ru.tsur.dedup.eval.DedupEvaluation;
import ru.tsur.dedup.eval.LabelledPost;

/**
 * {@code tsur eval-dedup}: B-cubed and pairwise precision, recall and F1 of dedup clusters against a labelled set.
 * Scores the incident ids a run produced ({@code --predicted}: the posts dataset of {@code tsur analyze}, or any
 * Parquet / JSON lines / CSV with {@code id} and {@code incident_id}), or, without it, the reference decision of the
 * dedup stage with its default options.
 */
@Command(name = "eval-dedup", mixinStandardHelpOptions = true,
        description = "Score dedup clusters (incident_id) against a labelled set (id, cluster).")
public final class EvalDedupCommand implements Callable<Integer> {
    static final Path DEFAULT_SET = Path.of("pipeline/src/test/resources/dedup/labelled.jsonl");

    @Spec
    CommandSpec spec;

    @Option(names = "--labelled", description = "labelled JSON lines (post fields + cluster); default: ${DEFAULT-VALUE}")
    Path labelled = DEFAULT_SET;

    @Option(names = "--predicted", description = "a posts dataset directory or a .parquet/.jsonl/.json/.csv file "
            + "with id and incident_id; without it the reference dedup decision is scored")
    Path predicted;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isReadable(labelled)) {
            spec.commandLine().getErr().println("labelled set not found: " + labelled + " (use --labelled)");
            return 2;
        }
        List<LabelledPost> set;
        try (var in = Files.newBufferedReader(labelled)) {
            set = LabelledPost.readJsonLines(in);
        }
        Map<String, String> incidents = predicted == null
                ? DedupEvaluation.reference(set, DedupOptions.DEFAULT, false)
                : readPredicted(predicted);
        if (predicted != null) {
            long found = set.stream().filter(l -> incidents.containsKey(l.post().getId())).count();
            out.printf("predicted: %s (%d of %d labelled posts found)%n", predicted, found, set.size());
        } else {
            out.println("predicted: reference dedup decision, default options");
        }
        ClusterScores s = DedupEvaluation.score(set, incidents);
        out.println(s.summary());
        out.flush();
        return 0;
    }

    /** id → incident_id from any file DuckDB reads (a directory means a Parquet dataset: every file below it). */
    static Map<String, String> readPredicted(Path path) throws Exception {
        String p = path.toString().replace("'", "''");
        String from;
        if (Files.isDirectory(path)) {
            from = "read_parquet('" + p + "/**/*.parquet', hive_partitioning = false, union_by_name = true)";
        } else if (p.endsWith(".parquet")) {
            from = "read_parquet('" + p + "')";
        } else if (p.endsWith(".csv")) {
            from = "read_csv('" + p + "', header = true, all_varchar = true)";
        } else {
            from = "read_json('" + p + "', format = 'newline_delimited')";
        }
        Map<String, String> out = new HashMap<>();
        for (List<String> row : DuckDb.rows("SELECT CAST(id AS VARCHAR), CAST(incident_id AS VARCHAR) FROM " + from)) {
            out.put(row.get(0), row.get(1));
        }
        return out;
    }
}
