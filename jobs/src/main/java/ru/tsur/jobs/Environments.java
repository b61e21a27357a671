package ru.tsur.jobs;

import java.time.Duration;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.NettyShuffleEnvironmentOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import ru.tsur.config.PulseConfig;

/** Execution environments of the jobs, configured in one place. */
public final class Environments {

    private Environments() {}

    /**
     * The streaming job's environment: exactly-once checkpoints, no silent Kryo fallback (a generic type fails the
     * job at build time), object reuse between chained operators, and a bounded restart strategy outside tests.
     */
    public static StreamExecutionEnvironment streaming(PulseConfig c, boolean restartOnFailure) {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        // chained operators hand a record on without a deep copy (Avro's copy of every Post at every chained step):
        // no function keeps or changes a record after emitting it, and keyed state only holds records that arrived
        // over the network (deserialized copies)
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, c.checkpointInterval());
        // always file checkpoints: Flink's fallback keeps them in JobManager memory, capped at 5 MB, which the dedup
        // state outgrows after a few thousand posts (the checkpoint then fails and the job with it)
        String dir = c.checkpointDir() != null ? c.checkpointDir()
                : java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "pulse-checkpoints").toUri().toString();
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir);
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                org.apache.flink.configuration.ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        conf.set(CheckpointingOptions.ENABLE_CHECKPOINTS_AFTER_TASKS_FINISH, true);
        restart(conf, restartOnFailure);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(c.parallelism());
        return env;
    }

    /** A bounded job over files, in BATCH execution mode (sorted shuffles, no checkpoints). */
    public static StreamExecutionEnvironment batch(int parallelism) {
        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        // on one machine (local MiniCluster) compressing shuffle data only costs CPU, and a larger sort buffer
        // keeps the sorted shuffles off the disk; a cluster's own configuration decides there
        conf.set(NettyShuffleEnvironmentOptions.SHUFFLE_COMPRESSION_CODEC, NettyShuffleEnvironmentOptions.CompressionCodec.NONE);
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(512));
        restart(conf, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        return env;
    }

    private static void restart(Configuration conf, boolean restartOnFailure) {
        if (restartOnFailure) {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, Duration.ofSeconds(1));
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, Duration.ofMinutes(2));
        } else {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        }
    }

}
