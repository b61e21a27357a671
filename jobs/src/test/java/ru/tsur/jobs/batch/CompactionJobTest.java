package ru.tsur.jobs.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tsur.schema.Incident;
import ru.tsur.schema.Post;

/**
 * Given the report's hand-made weeks, when February 2026 is compacted, then the monthly files hold every post and
 * the latest version of every incident, sorted by region and sector, the daily partitions are gone, a second run
 * changes nothing, an interrupted run is finished safely, and the report reads the same numbers as before.
 */
class CompactionJobTest {
    static final YearMonth FEB = YearMonth.of(2026, 2);

    @TempDir
    Path tmp;

    static <T extends SpecificRecordBase> List<T> read(Path dir) throws Exception {
        List<T> rows = new ArrayList<>();
        for (Path f : CompactionJob.parquetFiles(List.of(dir))) {
            rows.addAll(CompactionJobTest.<T>readFile(f));
        }
        return rows;
    }

    @Test
    void compactsAMonthOnceAndTheReportStillAddsUp() throws Exception {
        Path wh = tmp.resolve("wh");
        ReportFixtures.week10().write(wh);
        WarehouseLayout layout = new WarehouseLayout(wh);
        ReportJob.run(wh, LocalDate.of(2026, 3, 8), tmp.resolve("before"), 92, 1);

        List<CompactionJob.Result> results = CompactionJob.run(wh, FEB, 2);
        // posts: Feb 20, 24, 25, 26, 27; incidents: i5 (v1, v2), i7 (v1; its v2 is a March change), i8 (v1, v2), i9
        assertEquals("compacted", results.get(0).outcome());
        assertEquals(5, results.get(0).rows());
        assertEquals(4, results.get(1).rows());
        assertEquals(0, results.get(2).rows(), "no alerts in February");

        assertTrue(layout.dailyDirs("posts", FEB).isEmpty(), "daily February partitions retired");
        assertFalse(layout.dailyDirs("posts", YearMonth.of(2026, 3)).isEmpty(), "March untouched");
        Map<String, Integer> versions = new TreeMap<>();
        for (Incident i : CompactionJobTest.<Incident>read(layout.monthlyDir("incidents", FEB))) {
            versions.put(i.getIncidentId(), i.getVersion());
        }
        assertEquals(Map.of("i5", 2, "i7", 1, "i8", 2, "i9", 1), versions);
        WarehouseLayout.Manifest manifest = layout.manifest("posts", FEB);
        assertEquals(List.of("dt=2026-02-20", "dt=2026-02-24", "dt=2026-02-25", "dt=2026-02-26", "dt=2026-02-27"),
                manifest.sources());
        assertEquals(5, manifest.rows());

        // the same report from monthly + daily partitions
        ReportJob.run(wh, LocalDate.of(2026, 3, 8), tmp.resolve("after"), 92, 1);
        String csv = "federal/pulse-weekly-2026-03-08.csv";
        assertArrayEquals(Files.readAllBytes(tmp.resolve("before").resolve(csv)),
                Files.readAllBytes(tmp.resolve("after").resolve(csv)));

        // twice: nothing to do, files unchanged
        List<Path> files = CompactionJob.parquetFiles(List.of(layout.monthlyDir("posts", FEB)));
        List<CompactionJob.Result> again = CompactionJob.run(wh, FEB, 2);
        assertEquals("unchanged", again.get(0).outcome());
        assertEquals(files, CompactionJob.parquetFiles(List.of(layout.monthlyDir("posts", FEB))));
    }

    @Test
    void rowsAreSortedByRegionAndSectorInEveryFile() throws Exception {
        Path wh = tmp.resolve("wh");
        WarehouseFixture w = new WarehouseFixture();
        String[][] cells = {{"66", "roads"}, {"54", "waste"}, {"66", "housing"}, {"01", "roads"}, {null, "other"}};
        for (int d = 1; d <= 28; d++) {
            for (String[] c : cells) {
                w.add(w.post(String.format("2026-02-%02dT12:00", d), c[1], true).setRegionCode(c[0]));
            }
        }
        w.write(wh);
        CompactionJob.run(wh, FEB, 2);
        List<Path> files = CompactionJob.parquetFiles(List.of(new WarehouseLayout(wh).monthlyDir("posts", FEB)));
        assertTrue(files.size() >= 1 && files.size() <= 2, "one file per task: " + files);
        long total = 0;
        for (Path f : files) {
            List<Post> rows = CompactionJobTest.<Post>readFile(f);
            total += rows.size();
            for (int i = 1; i < rows.size(); i++) {
                String a = CompactionJob.sortKey(rows.get(i - 1).getRegionCode(), rows.get(i - 1).getSector());
                String b = CompactionJob.sortKey(rows.get(i).getRegionCode(), rows.get(i).getSector());
                assertTrue(a.compareTo(b) <= 0, f + ": " + a + " before " + b);
            }
        }
        assertEquals(28 * cells.length, total);
    }

    static <T extends SpecificRecordBase> List<T> readFile(Path f) throws Exception {
        List<T> rows = new ArrayList<>();
        try (ParquetReader<T> r = AvroParquetReader.<T>builder(new LocalInputFile(f))
                .withConf(new Configuration(false)).build()) {
            for (T t; (t = r.read()) != null; ) {
                rows.add(t);
            }
        }
        return rows;
    }

    @Test
    void aRunThatDiedHalfWayIsFinishedWithoutCountingTwice() throws Exception {
        Path wh = tmp.resolve("wh");
        ReportFixtures.week10().write(wh);
        WarehouseLayout layout = new WarehouseLayout(wh);
        // keep a copy of a daily partition, compact, then put it back: as if the job died after its commit,
        // before deleting the daily files
        Path day = layout.dailyDir("posts", LocalDate.of(2026, 2, 24));
        Path copy = tmp.resolve("copy");
        Files.createDirectories(copy);
        Files.copy(day.resolve("part-0.parquet"), copy.resolve("part-0.parquet"));
        CompactionJob.run(wh, FEB, 1);
        Files.createDirectories(day);
        Files.copy(copy.resolve("part-0.parquet"), day.resolve("part-0.parquet"));
        // and a half-written temporary directory of a later crash
        Path tmpDir = layout.monthlyDir("posts", FEB).resolveSibling(".tmp-month=2026-02");
        Files.createDirectories(tmpDir);
        Files.writeString(tmpDir.resolve("part-garbage.parquet"), "not parquet");

        assertEquals(List.of(layout.monthlyDir("posts", FEB), layout.dailyDir("posts", LocalDate.of(2026, 3, 2)),
                        layout.dailyDir("posts", LocalDate.of(2026, 3, 3))),
                layout.inputs("posts", LocalDate.of(2026, 2, 23), LocalDate.of(2026, 3, 3)),
                "readers skip the daily partition the manifest names");

        List<CompactionJob.Result> rerun = CompactionJob.run(wh, FEB, 1);
        assertEquals("unchanged", rerun.get(0).outcome());
        assertEquals(List.of("dt=2026-02-24"), rerun.get(0).retired());
        assertFalse(Files.exists(day), "the leftover daily partition is deleted");
        assertEquals(5, CompactionJob.rowCount(List.of(layout.monthlyDir("posts", FEB))));

        // late data for February: merged with the monthly files on the next run
        WarehouseFixture late = new WarehouseFixture();
        late.add(late.post("2026-02-28T10:00", "roads", true));
        late.write(wh);
        List<CompactionJob.Result> merged = CompactionJob.run(wh, FEB, 1);
        assertEquals("compacted", merged.get(0).outcome());
        assertEquals(6, merged.get(0).rows());
        assertFalse(Files.exists(tmpDir));
    }
}
