package ru.tsur.jobs.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where the datasets live: daily partitions {@code <dataset>/dt=YYYY-MM-DD/} written by the stream and monthly ones
 * {@code monthly/<dataset>/month=YYYY-MM/} written by compaction. A monthly directory counts only once its
 * {@value #MANIFEST} exists; the manifest names the daily partitions it replaced, and readers skip those even if
 * compaction died before deleting them, so no row is ever counted twice.
 */
public final class WarehouseLayout {
    public static final String MANIFEST = "_MANIFEST";
    public static final List<String> DATASETS = List.of("posts", "incidents", "alerts");

    private final Path root;

    public WarehouseLayout(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path dailyDir(String dataset, LocalDate day) {
        return root.resolve(dataset).resolve("dt=" + day);
    }

    public Path monthlyDir(String dataset, YearMonth month) {
        return root.resolve("monthly").resolve(dataset).resolve("month=" + month);
    }

    /** Daily partitions present on disk for a month, sorted by date. */
    public List<Path> dailyDirs(String dataset, YearMonth month) {
        List<Path> out = new ArrayList<>();
        for (int d = 1; d <= month.lengthOfMonth(); d++) {
            Path dir = dailyDir(dataset, month.atDay(d));
            if (Files.isDirectory(dir)) {
                out.add(dir);
            }
        }
        return out;
    }

    /** The committed manifest of a monthly partition, or null when none (never compacted, or died before commit). */
    public Manifest manifest(String dataset, YearMonth month) {
        Path file = monthlyDir(dataset, month).resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Manifest.parse(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Directories holding every row of {@code dataset} dated from {@code from} to {@code to} (inclusive). */
    public List<Path> inputs(String dataset, LocalDate from, LocalDate to) {
        List<Path> out = new ArrayList<>();
        for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
            Manifest manifest = manifest(dataset, m);
            Set<String> retired = manifest == null ? Set.of() : new HashSet<>(manifest.sources());
            if (manifest != null) {
                out.add(monthlyDir(dataset, m));
            }
            for (int d = 1; d <= m.lengthOfMonth(); d++) {
                LocalDate day = m.atDay(d);
                Path dir = dailyDir(dataset, day);
                if (!day.isBefore(from) && !day.isAfter(to) && Files.isDirectory(dir)
                        && !retired.contains(dir.getFileName().toString()) && hasFiles(dir)) {
                    out.add(dir);
                }
            }
        }
        return out;
    }

    static boolean hasFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> {
                String n = p.getFileName().toString();
                return !n.startsWith(".") && !n.startsWith("_");
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a monthly partition contains: the daily partitions it replaced and its row count. */
    public record Manifest(String dataset, String month, long rows, List<String> sources) {
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            lines.add("dataset " + dataset);
            lines.add("month " + month);
            lines.add("rows " + rows);
            for (String s : sources) {
                lines.add("source " + s);
            }
            return lines;
        }

        static Manifest parse(List<String> lines) {
            String dataset = null;
            String month = null;
            long rows = -1;
            List<String> sources = new ArrayList<>();
            for (String line : lines) {
                int sp = line.indexOf(' ');
                if (sp < 0) {
                    continue;
                }
                String k = line.substring(0, sp);
                String v = line.substring(sp + 1).strip();
                switch (k) {
                    case "dataset" -> dataset = v;
                    case "month" -> month = v;
                    case "rows" -> rows = Long.parseLong(v);
                    case "source" -> sources.add(v);
                    default -> {
                    }
                }
            }
            return new Manifest(dataset, month, rows, List.copyOf(sources));
        }
    }
}
