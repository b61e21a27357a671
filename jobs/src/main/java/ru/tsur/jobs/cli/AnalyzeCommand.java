package ru.tsur.jobs.cli;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import ru.tsur.flink.DeadLetters;
import ru.tsur.flink.JsonLinesFormat;
import ru.tsur.flink.RedactDeadLetters;
import ru.tsur.ingest.SourceRecord;
import ru.tsur.jobs.Environments;
import ru.tsur.jobs.StreamingJob;
import ru.tsur.schema.Alert;
import ru.tsur.schema.DeadLetter;
import ru.tsur.schema.Incident;
import ru.tsur.schema.Post;
import ru.tsur.sla.SlaOptions;
import ru.tsur.sink.AvroJson;
import ru.tsur.sink.ParquetDatasets;

/**
 * {@code tsur analyze}: the streaming job's graph in BATCH mode over a JSON-lines file of posts (and optionally of
 * incident events); one JSON line per accepted post (fields {@link #POST_FIELDS}, a stable format), dead letters,
 * alerts (deadlines up to {@code --as-of}) and, optionally, Parquet datasets.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Run the job graph over a JSON-lines file of posts (batch) and write one JSON line per post.")
public final class AnalyzeCommand implements Callable<Integer> {

    /** The output format of analyze: keep it stable, users and evaluation commands parse it. */
    public static final List<String> POST_FIELDS = List.of("id", "source", "published_at", "sector", "topics",
            "actionable", "non_actionable_reason", "severity", "score", "region_code", "region", "municipality",
            "incident_id", "duplicate_of", "dedup_method", "responsible", "matched", "rules_version");

    @Option(names = "--input", required = true, description = "posts, one JSON object per line")
    Path input;

    @Option(names = "--output", required = true, description = "analysis, one JSON object per accepted post")
    Path output;

    @Option(names = "--dlq", description = "rejected records with their reasons (JSON lines)")
    Path dlq;

    @Option(names = "--warehouse", description = "also write the Parquet datasets under this directory")
    Path warehouse;

    @Option(names = "--events", description = "operator events on incidents (incident-events JSON, one per line)")
    Path events;

    @Option(names = "--alerts", description = "SLA and spike alerts, one JSON object per line")
    Path alerts;

    @Option(names = "--as-of", description = "fire deadlines up to this instant only, e.g. 2026-03-10T00:00:00+03:00 "
            + "(default: all deadlines up to the end of the input)")
    String asOf;

    @Option(names = "--parallelism", defaultValue = "2")
    int parallelism;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(input)) {
            System.err.println("error: --input " + input + " is not a file");
            return 2;
        }
        if (events != null && !Files.isRegularFile(events)) {
            System.err.println("error: --events " + events + " is not a file");
            return 2;
        }
        Instant asOfInstant;
        try {
            asOfInstant = asOf == null ? null : OffsetDateTime.parse(asOf).toInstant();
        } catch (DateTimeParseException e) {
            System.err.println("error: --as-of must be ISO-8601 with an offset, e.g. 2026-03-10T00:00:00+03:00, got "
                    + asOf);
            return 2;
        }
        Result r = run(input, events, asOfInstant, warehouse, parallelism, Keys.pseudonymKey());
        writeLines(output, r.posts().stream().map(p -> AvroJson.toJson(p, POST_FIELDS)).toList());
        if (dlq != null) {
            writeLines(dlq, r.deadLetters().stream().map(AnalyzeCommand::deadLetterJson).toList());
        }
        if (alerts != null) {
            writeLines(alerts, r.alerts().stream().map(a -> AvroJson.toJson(a)).toList());
        }
        System.err.printf("analyze: read %d, accepted %d, rejected %d, incidents %d, alerts %d → %s%n",
                r.posts().size() + r.deadLetters().size(), r.posts().size(), r.deadLetters().size(),
                r.incidents().stream().map(Incident::getIncidentId).distinct().count(), r.alerts().size(), output);
        return 0;
    }

    /** What one analyze run produced, sorted for a deterministic output. */
    public record Result(List<Post> posts, List<DeadLetter> deadLetters, List<Incident> incidents, List<Alert> alerts) {}

    public static Result run(Path input, Path warehouse, int parallelism, String key) throws Exception {
        return run(input, null, null, warehouse, parallelism, key);
    }

    /** With operator events (nullable) and an as-of instant (nullable: every deadline up to the end of input). */
    public static Result run(Path input, Path events, Instant asOf, Path warehouse, int parallelism, String key)
            throws Exception {
        StreamExecutionEnvironment env = Environments.batch(parallelism);
        DataStream<SourceRecord> posts = env.fromSource(
                FileSource.forRecordStreamFormat(new JsonLinesFormat(input.toString()),
                        new org.apache.flink.core.fs.Path(input.toUri())).build(),
                WatermarkStrategy.noWatermarks(), "file-posts").uid("file-posts");
        Collecting out = new Collecting(warehouse == null ? null : warehouse.toUri().toString(),
                key.getBytes(StandardCharsets.UTF_8));
        DataStream<SourceRecord> eventRecords = events == null ? null : env.fromSource(
                FileSource.forRecordStreamFormat(new JsonLinesFormat(events.toString()),
                        new org.apache.flink.core.fs.Path(events.toUri())).build(),
                WatermarkStrategy.noWatermarks(), "file-events").uid("file-events");
        StreamingJob.Options options = StreamingJob.Options.defaults(key)
                .withSla(SlaOptions.offline(asOf, events == null ? "events" : events.toString()));
        StreamingJob.build(new StreamingJob.Inputs(posts, eventRecords, null), out, options);
        // The collect sinks hold at most a small batch each until the client fetches it, so the four outputs are
        // drained while the job runs, all at once: fetched after the job (or one after another), a larger input
        // fills a sink's batch and the job waits for the client forever.
        JobClient job = env.executeAsync("tsur analyze " + input.getFileName());
        ExecutorService drains = Executors.newFixedThreadPool(4);
        try {
            Future<List<Post>> fp = drains.submit(() -> drain(out.posts));
            Future<List<DeadLetter>> fd = drains.submit(() -> drain(out.deadLetters));
            Future<List<Incident>> fi = drains.submit(() -> drain(out.incidents));
            Future<List<Alert>> fa = drains.submit(() -> drain(out.alerts));
            List<Post> p = result(fp);
            p.sort(Comparator.comparing(Post::getPublishedAt).thenComparing(Post::getId));
            List<DeadLetter> d = result(fd);
            d.sort(Comparator.comparing(DeadLetter::getOffset));
            List<Incident> i = result(fi);
            List<Alert> a = result(fa);
            a.sort(Comparator.comparing(Alert::getAlertId));
            job.getJobExecutionResult().get(); // a failed job fails the command, also when no output was collected
            return new Result(p, d, i, a);
        } finally {
            drains.shutdownNow();
        }
    }

    private static <T> T result(Future<T> f) throws Exception {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }

    /** Collects every output back to the client, and writes Parquet too when a warehouse is given. */
    private static final class Collecting implements StreamingJob.Outputs {
        final String warehouse;
        final byte[] pseudonymKey;
        CloseableIterator<Post> posts;
        CloseableIterator<DeadLetter> deadLetters;
        CloseableIterator<Incident> incidents;
        CloseableIterator<Alert> alerts;

        Collecting(String warehouse, byte[] pseudonymKey) {
            this.warehouse = warehouse;
            this.pseudonymKey = pseudonymKey;
        }

        @Override
        public void posts(DataStream<Post> s) {
            posts = s.collectAsync();
            if (warehouse != null) s.sinkTo(ParquetDatasets.sink(warehouse, "posts", Post.class, Post::getDt))
                    .name("parquet-posts").uid("parquet-posts");
        }

        @Override
        public void deadLetters(DataStream<DeadLetter> s) {
            deadLetters = s.collectAsync();
            // the warehouse copy is redacted as in the streaming job; the --dlq file keeps the originals
            if (warehouse != null) s.map(new RedactDeadLetters(pseudonymKey), new AvroTypeInfo<>(DeadLetter.class))
                    .name("dlq-redact").uid("dlq-redact")
                    .sinkTo(ParquetDatasets.sink(warehouse, "dlq", DeadLetter.class, DeadLetters::dt))
                    .name("parquet-dlq").uid("parquet-dlq");
        }

        @Override
        public void incidents(DataStream<Incident> s) {
            incidents = s.collectAsync();
            if (warehouse != null) s.sinkTo(ParquetDatasets.incidents(warehouse))
                    .name("parquet-incidents").uid("parquet-incidents");
        }

        @Override
        public void alerts(DataStream<Alert> s) {
            alerts = s.collectAsync();
            if (warehouse != null) s.sinkTo(ParquetDatasets.sink(warehouse, "alerts", Alert.class, Alert::getDt))
                    .name("parquet-alerts").uid("parquet-alerts");
        }
    }

    private static <T> List<T> drain(CloseableIterator<T> it) throws Exception {
        List<T> out = new ArrayList<>();
        if (it == null) return out;
        try (it) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    static byte[] deadLetterJson(DeadLetter d) {
        ByteBuffer raw = d.getRaw().duplicate();
        byte[] bytes = new byte[raw.remaining()];
        raw.get(bytes);
        String text = new String(bytes, StandardCharsets.UTF_8);
        String json = "{\"source\":" + quote(d.getSource()) + ",\"line\":" + d.getOffset() + ",\"reason\":"
                + quote(d.getReason()) + ",\"detail\":" + quote(d.getDetail()) + ",\"raw\":"
                + quote(text.length() > 2000 ? text.substring(0, 2000) + "…" : text) + "}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String quote(String s) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void writeLines(Path file, List<byte[]> lines) throws Exception {
        if (file.getParent() != null) Files.createDirectories(file.getParent());
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            for (byte[] l : lines) {
                out.write(l);
                out.write('\n');
            }
        }
    }
}
