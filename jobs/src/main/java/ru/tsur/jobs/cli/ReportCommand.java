package ru.tsur.jobs.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import ru.tsur.jobs.batch.ReportJob;
import ru.tsur.report.FederalExport;
import ru.tsur.report.HtmlReport;
import ru.tsur.report.ReportWindow;

/** {@code tsur report}: the nightly report (weekly_stats, federal export, HTML) as a Flink batch job. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Build the nightly report for a date: weekly_stats Parquet, the federal CSV and the HTML page.")
public final class ReportCommand implements Callable<Integer> {

    @Option(names = "--warehouse", required = true, description = "warehouse directory (posts/, incidents/, alerts/, monthly/)")
    Path warehouse;

    @Option(names = "--date", required = true, description = "report date YYYY-MM-DD (data as of the end of that day)")
    LocalDate date;

    @Option(names = "--out", description = "output directory (default: WAREHOUSE/reports)")
    Path out;

    @Option(names = "--parallelism", defaultValue = "0", description = "tasks (default: one per core)")
    int parallelism;

    @Option(names = "--lookback-days", defaultValue = "" + ReportWindow.DEFAULT_LOOKBACK_DAYS,
            description = "how far back open incidents count as overdue (default ${DEFAULT-VALUE})")
    int lookbackDays;

    @Override
    public Integer call() throws Exception {
        Path dir = out != null ? out : warehouse.resolve("reports");
        ReportJob.run(warehouse, date, dir, lookbackDays, parallelism);
        ReportWindow window = new ReportWindow(date, lookbackDays);
        System.out.println("weekly_stats: " + dir.resolve("weekly_stats").resolve("week=" + window.week()));
        System.out.println("federal:      " + dir.resolve("federal").resolve(FederalExport.fileName(window)));
        System.out.println("html:         " + dir.resolve("html").resolve(HtmlReport.fileName(window)));
        return 0;
    }
}
