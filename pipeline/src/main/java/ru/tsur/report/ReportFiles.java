package ru.tsur.report;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes one night's outputs under an output directory, each atomically (temporary file, then rename), so a reader
 * or a crash never sees half a file and a rerun replaces the night's files:
 * {@code weekly_stats/week=YYYY-Www/weekly_stats.parquet}, {@code federal/pulse-weekly-DATE.csv},
 * {@code html/report-DATE.html}.
 */
public final class ReportFiles {
    private ReportFiles() {
    }

    public record Written(Path weeklyStats, Path federalExport, Path html) {
    }

    public static Written write(ReportData data, Path outDir) throws IOException {
        Path weekly = outDir.resolve("weekly_stats").resolve("week=" + data.window().week()).resolve("weekly_stats.parquet");
        Files.createDirectories(weekly.getParent());
        Path tmpWeekly = weekly.resolveSibling(".weekly_stats.parquet.tmp");
        WeeklyStatsFile.write(data.weekly(), tmpWeekly);
        move(tmpWeekly, weekly);

        StringWriter csv = new StringWriter();
        FederalExport.write(data.weekly(), csv);
        Path federal = writeText(outDir.resolve("federal").resolve(FederalExport.fileName(data.window())), csv.toString());
        Path html = writeText(outDir.resolve("html").resolve(HtmlReport.fileName(data.window())), HtmlReport.render(data));
        return new Written(weekly, federal, html);
    }

    static Path writeText(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        move(tmp, file);
        return file;
    }

    private static void move(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
