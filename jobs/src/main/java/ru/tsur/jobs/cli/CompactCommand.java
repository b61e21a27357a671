package ru.tsur.jobs.cli;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import ru.tsur.jobs.batch.CompactionJob;

/** {@code tsur compact}: rewrites a finished month of daily partitions into monthly/ (Flink batch job). */
@Command(name = "compact", mixinStandardHelpOptions = true,
        description = "Compact a month of posts/, incidents/ (latest versions) and alerts/ into monthly/<dataset>/month=YYYY-MM/.")
public final class CompactCommand implements Callable<Integer> {

    @Option(names = "--warehouse", required = true, description = "warehouse directory")
    Path warehouse;

    @Option(names = "--month", required = true, description = "month YYYY-MM, finished")
    YearMonth month;

    @Option(names = "--parallelism", defaultValue = "0", description = "tasks = files per dataset (default: one per core)")
    int parallelism;

    @Override
    public Integer call() throws Exception {
        for (CompactionJob.Result r : CompactionJob.run(warehouse, month, parallelism)) {
            System.out.printf("%-9s %-9s %,d rows, %d daily partitions retired%n",
                    r.dataset(), r.outcome(), r.rows(), r.retired().size());
        }
        return 0;
    }
}
