package ru.tsur.jobs;

import java.time.Duration;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.StateBackendOptions;
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

    /** configuration keys passed to Flink as they are, without the prefix */
    public static final String FLINK_PREFIX = "flink.";

    /** managed memory of a local run on RocksDB (overridden by {@code flink.taskmanager.memory.managed.size}) */
    static final MemorySize LOCAL_ROCKSDB_MEMORY = MemorySize.ofMebiBytes(512);

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
        if (c.stateBackend() != null) {
            conf.set(StateBackendOptions.STATE_BACKEND, c.stateBackend());
            if (c.stateBackend().equals("rocksdb")) {
                // RocksDB's point: a checkpoint uploads the files changed since the last one, not the whole state
                conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
                // a local run's one slot gets 128 MB of managed memory by default, and RocksDB then flushes and
                // compacts small files all the time: 92 s of CPU per million posts, 50 s with 512 MB, and the job
                // 14 % faster (docs/performance.md). A cluster's TaskManagers have their memory configured already.
                conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, LOCAL_ROCKSDB_MEMORY);
            }
        }
        restart(conf, restartOnFailure);
        // any Flink option, as flink.<its key> (RocksDB tuning, memory of a local run): last, so it has the final word
        c.all().forEach((k, v) -> {
            if (k.startsWith(FLINK_PREFIX) && k.length() > FLINK_PREFIX.length()) {
                conf.setString(k.substring(FLINK_PREFIX.length()), v);
            }
        });
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
        batchShuffle(conf);
        restart(conf, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        return env;
    }

    /**
     * Shuffle resources for BATCH jobs on a local MiniCluster, also for tests that start their own cluster (a job's
     * configuration cannot change a running cluster's). Local execution gets 64 MB of network buffers (2,048 of
     * 32 KB) for all tasks, and each blocking sort-merge result partition claims 512 of them when its task starts
     * (taskmanager.network.sort-shuffle.min-buffers): a fifth producer alive at once fails with "Insufficient number
     * of network buffers". Consumers read through a separate 64 MB pool (framework off-heap batch-shuffle memory)
     * and wait up to 5 minutes for it while other readers hold it: on a loaded machine, a stall. Here: 128 MB of
     * network buffers, 128 (4 MB) per sort-merge partition, so 32 producers fit; the reading pool stays 64 MB
     * (inside local execution's fixed 128 MB of framework off-heap memory). See docs/report.md.
     */
    public static Configuration batchShuffle(Configuration conf) {
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.ofMebiBytes(128));
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.ofMebiBytes(128));
        conf.set(NettyShuffleEnvironmentOptions.NETWORK_SORT_SHUFFLE_MIN_BUFFERS, 128);
        conf.set(TaskManagerOptions.NETWORK_BATCH_SHUFFLE_READ_MEMORY, MemorySize.ofMebiBytes(64));
        return conf;
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
