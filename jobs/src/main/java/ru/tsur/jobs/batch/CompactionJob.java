package ru.tsur.jobs.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.operators.Order;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.BasePathBucketAssigner;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.tsur.schema.Alert;
import ru.tsur.sink.ParquetDatasets;
import ru.tsur.jobs.Environments;
import ru.tsur.schema.Incident;
import ru.tsur.schema.Post;

/**
 * Rewrites a finished month of daily partitions into {@code monthly/<dataset>/month=YYYY-MM/}: a few large files
 * (one per task) sorted by region and sector; for incidents only the latest version of each.
 *
 * <p>Commit protocol, so that a crash at any point loses nothing and counts nothing twice: the Flink job writes into
 * a hidden {@code .tmp-month=…} directory; row counts are checked against the inputs; a {@code _MANIFEST} naming the
 * replaced daily partitions is written; the directory is renamed into place; only then are the daily partitions
 * deleted. Readers ({@link WarehouseLayout#inputs}) skip daily partitions a manifest names, and a rerun finishes an
 * interrupted commit or does nothing, so running it twice is harmless. Late rows arriving in a compacted month are
 * merged with the monthly files on the next run.
 */
public final class CompactionJob {
    private static final Logger LOG = LoggerFactory.getLogger(CompactionJob.class);

    /** What one dataset needs: its class, the sort key and whether to keep only the latest version of a row. */
    record Spec<T extends SpecificRecordBase>(String dataset, Class<T> type, KeySelector<T, String> sortKey,
                                              boolean latestIncidentOnly) {
    }

    static final Spec<Post> POSTS = new Spec<>("posts", Post.class,
            p -> sortKey(p.getRegionCode(), p.getSector()) + p.getPublishedAt().toEpochMilli(), false);
    static final Spec<Incident> INCIDENTS = new Spec<>("incidents", Incident.class,
            i -> sortKey(i.getRegionCode(), i.getSector()) + i.getFirstSeen().toEpochMilli(), true);
    static final Spec<Alert> ALERTS = new Spec<>("alerts", Alert.class,
            a -> sortKey(a.getRegionCode(), a.getSector()) + a.getRaisedAt().toEpochMilli(), false);

    public record Result(String dataset, String outcome, long rows, List<String> retired) {
    }

    private CompactionJob() {
    }

    /** Region code, then sector: '~' sorts rows without a region last. */
    static String sortKey(String regionCode, String sector) {
        return (regionCode == null ? "~~" : regionCode) + '|' + (sector == null ? "~" : sector) + '|';
    }

    /**
     * The graph: for incidents the latest version per incident, then every task sorts its rows by region and sector
     * and writes one file.
     */
    @SuppressWarnings("unchecked")
    public static <T extends SpecificRecordBase> void build(DataStream<T> rows, Spec<T> spec, FileSink<T> sink) {
        DataStream<T> kept = rows;
        if (spec.latestIncidentOnly()) {
            DataStream<Incident> latest = ((DataStream<Incident>) rows)
                    .keyBy(Incident::getIncidentId)
                    .reduce(CompactionJob::latest)
                    .name("latest incident version").uid("compact-latest-incident");
            kept = (DataStream<T>) (DataStream<?>) latest;
        }
        kept.fullWindowPartition()
                .sortPartition(spec.sortKey(), Order.ASCENDING)
                .name("sort by region and sector").uid("compact-sort-" + spec.dataset())
                .sinkTo(sink)
                .name("monthly files").uid("compact-sink-" + spec.dataset());
    }

    static Incident latest(Incident a, Incident b) {
        if (a.getVersion() != b.getVersion()) {
            return a.getVersion() > b.getVersion() ? a : b;
        }
        return b.getUpdatedAt().isAfter(a.getUpdatedAt()) ? b : a;
    }

    /** Compacts posts, incidents and alerts of one month. */
    public static List<Result> run(Path warehouse, YearMonth month, int parallelism) throws Exception {
        WarehouseLayout layout = new WarehouseLayout(warehouse);
        List<Result> results = new ArrayList<>();
        results.add(compact(layout, month, POSTS, parallelism));
        results.add(compact(layout, month, INCIDENTS, parallelism));
        results.add(compact(layout, month, ALERTS, parallelism));
        return results;
    }

    static <T extends SpecificRecordBase> Result compact(WarehouseLayout layout, YearMonth month, Spec<T> spec,
                                                          int parallelism) throws Exception {
        Path target = layout.monthlyDir(spec.dataset(), month);
        Path tmp = target.resolveSibling(".tmp-" + target.getFileName());
        Path old = target.resolveSibling(".old-" + target.getFileName());
        recoverInterruptedCommit(target, tmp, old);

        WarehouseLayout.Manifest previous = layout.manifest(spec.dataset(), month);
        Set<String> alreadyIn = previous == null ? Set.of() : new HashSet<>(previous.sources());
        List<Path> daily = layout.dailyDirs(spec.dataset(), month);
        List<Path> leftovers = daily.stream().filter(d -> alreadyIn.contains(d.getFileName().toString())).toList();
        List<Path> fresh = daily.stream().filter(d -> !alreadyIn.contains(d.getFileName().toString())).toList();
        // a previous run committed but died before deleting these: they are in the monthly files already
        leftovers.forEach(CompactionJob::deleteTree);
        if (fresh.isEmpty()) {
            LOG.info("{} {}: nothing new to compact", spec.dataset(), month);
            return new Result(spec.dataset(), previous == null ? "empty" : "unchanged",
                    previous == null ? 0 : previous.rows(), leftovers.stream().map(p -> p.getFileName().toString()).toList());
        }
        List<Path> inputs = new ArrayList<>(fresh);
        if (previous != null) {
            inputs.add(target);
        }
        deleteTree(tmp);
        Files.createDirectories(tmp);

        StreamExecutionEnvironment env = Environments.batch(ReportJob.parallelism(parallelism));
        FileSource<T> source = FileSource.forRecordStreamFormat(ProjectedParquetFormat.specific(spec.type()),
                inputs.stream().map(p -> new org.apache.flink.core.fs.Path(p.toUri()))
                        .toArray(org.apache.flink.core.fs.Path[]::new)).build();
        DataStream<T> rows = env.fromSource(source, WatermarkStrategy.noWatermarks(), spec.dataset())
                .uid("compact-source-" + spec.dataset());
        FileSink<T> sink = FileSink.forBulkFormat(new org.apache.flink.core.fs.Path(tmp.toUri()),
                        ParquetDatasets.writerFactory(spec.type()))
                .withBucketAssigner(new BasePathBucketAssigner<>())
                .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix("part").withPartSuffix(".parquet").build())
                .build();
        build(rows, spec, sink);
        env.execute("pulse compact " + spec.dataset() + " " + month);

        long expected = spec.latestIncidentOnly() ? distinctIncidents(inputs) : rowCount(inputs);
        long written = rowCount(List.of(tmp));
        if (spec.latestIncidentOnly() && distinctIncidents(List.of(tmp)) != written) {
            throw new IllegalStateException(spec.dataset() + " " + month + ": the monthly files hold duplicate incidents");
        }
        if (expected != written) {
            deleteTree(tmp);
            throw new IllegalStateException(spec.dataset() + " " + month + ": wrote " + written + " rows, expected "
                    + expected + "; daily partitions kept");
        }
        Set<String> sources = new TreeSet<>(alreadyIn);
        fresh.forEach(d -> sources.add(d.getFileName().toString()));
        WarehouseLayout.Manifest manifest = new WarehouseLayout.Manifest(spec.dataset(), month.toString(), written,
                List.copyOf(sources));
        Files.write(tmp.resolve(WarehouseLayout.MANIFEST), manifest.lines(), StandardCharsets.UTF_8);

        // commit: the old monthly directory steps aside, the new one takes its place
        if (Files.exists(target)) {
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(old);
        fresh.forEach(CompactionJob::deleteTree);
        LOG.info("{} {}: {} rows from {} daily partitions", spec.dataset(), month, written, fresh.size());
        return new Result(spec.dataset(), "compacted", written, fresh.stream().map(p -> p.getFileName().toString()).toList());
    }

    /** Finishes or undoes a commit that died between its two renames. */
    static void recoverInterruptedCommit(Path target, Path tmp, Path old) throws IOException {
        if (Files.exists(target) || !Files.exists(old)) {
            deleteTree(old);
            return;
        }
        if (Files.exists(tmp.resolve(WarehouseLayout.MANIFEST))) {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } else {
            Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
        }
        deleteTree(old);
    }

    static List<Path> parquetFiles(List<Path> dirs) {
        List<Path> files = new ArrayList<>();
        for (Path dir : dirs) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> {
                    String n = p.getFileName().toString();
                    return !n.startsWith(".") && !n.startsWith("_") && Files.isRegularFile(p);
                }).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    /** Rows in the Parquet footers: independent of the job that wrote or will read them. */
    static long rowCount(List<Path> dirs) throws IOException {
        long n = 0;
        for (Path f : parquetFiles(dirs)) {
            try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(f))) {
                n += r.getRecordCount();
            }
        }
        return n;
    }

    static long distinctIncidents(List<Path> dirs) throws IOException {
        Set<String> ids = new HashSet<>();
        Configuration conf = new Configuration(false);
        conf.set(AvroReadSupport.AVRO_REQUESTED_PROJECTION,
                ProjectedParquetFormat.project(Incident.getClassSchema(), List.of("incident_id")).toString());
        for (Path f : parquetFiles(dirs)) {
            try (ParquetReader<GenericRecord> r = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(f))
                    .withDataModel(GenericData.get()).withConf(conf).build()) {
                for (GenericRecord g; (g = r.read()) != null; ) {
                    ids.add(g.get("incident_id").toString());
                }
            }
        }
        return ids.size();
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
