package ru.tsur.jobs.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import ru.tsur.jobs.StreamingJob;

/** {@code tsur run --config FILE}: the streaming job against real Kafka (local MiniCluster, or the cluster under flink run). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the streaming job with a configuration file (Kafka in, Parquet and Kafka out).")
public final class RunCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, description = "Pulse properties file (see docs/configuration.md)")
    Path config;

    @Override
    public Integer call() throws Exception {
        StreamingJob.main(new String[] {"--config", config.toString()});
        return 0;
    }
}
