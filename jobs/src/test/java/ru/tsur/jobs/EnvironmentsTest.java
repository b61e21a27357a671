package ru.tsur.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import ru.tsur.config.PulseConfig;

class EnvironmentsTest {

    private static StreamExecutionEnvironment streaming(Map<String, String> extra) {
        Map<String, String> m = new HashMap<>(Map.of("warehouse.uri", "/tmp/pulse-env-test",
                "privacy.pseudonym.key", "0123456789abcdef0123"));
        m.putAll(extra);
        return Environments.streaming(PulseConfig.fromMap(m, Map.of()), false);
    }

    @Test
    void rocksdbCheckpointsIncrementally() {
        var conf = streaming(Map.of("state.backend", "rocksdb")).getConfiguration();
        assertEquals("rocksdb", conf.get(StateBackendOptions.STATE_BACKEND));
        assertEquals(true, conf.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS));
        assertEquals(Duration.ofSeconds(10), conf.get(CheckpointingOptions.CHECKPOINTING_INTERVAL));
        assertEquals(Environments.LOCAL_ROCKSDB_MEMORY, conf.get(TaskManagerOptions.MANAGED_MEMORY_SIZE));
        // the heap needs none
        assertEquals(false, streaming(Map.of("state.backend", "hashmap")).getConfiguration()
                .getOptional(TaskManagerOptions.MANAGED_MEMORY_SIZE).isPresent());
    }

    @Test
    void flinkKeysReachFlinkAndHaveTheLastWord() {
        var conf = streaming(Map.of("state.backend", "rocksdb",
                "flink.state.backend.rocksdb.timer-service.factory", "HEAP",
                "flink.execution.checkpointing.interval", "30s",
                "flink.taskmanager.memory.managed.size", "1g")).getConfiguration();
        assertEquals(MemorySize.parse("1g"), conf.get(TaskManagerOptions.MANAGED_MEMORY_SIZE));
        assertEquals(EmbeddedRocksDBStateBackend.PriorityQueueStateType.HEAP, conf.get(RocksDBOptions.TIMER_SERVICE_FACTORY));
        assertEquals(Duration.ofSeconds(30), conf.get(CheckpointingOptions.CHECKPOINTING_INTERVAL));
    }
}
