package ru.tsur.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PulseConfigTest {

    private static Map<String, String> minimal() {
        Map<String, String> m = new HashMap<>();
        m.put("warehouse.uri", "/tmp/wh");
        m.put("privacy.pseudonym.key", "${env:PULSE_PSEUDONYM_KEY}");
        return m;
    }

    @Test
    void secretsComeFromTheEnvironmentAndDefaultsFillTheRest() {
        PulseConfig c = PulseConfig.fromMap(minimal(), Map.of("PULSE_PSEUDONYM_KEY", "0123456789abcdef0123"));
        assertEquals("0123456789abcdef0123", c.pseudonymKey());
        assertEquals("posts", c.topics().posts());
        assertEquals(Duration.ofDays(7), c.dedupHorizon());
        assertEquals(2, c.dedupShards());
        assertTrue(c.exactlyOnce());
        assertTrue(c.maskPii());
    }

    @Test
    void kafkaClientPropertiesArePassedThroughWithoutThePrefix() {
        Map<String, String> m = minimal();
        m.put("kafka.client.security.protocol", "SASL_SSL");
        m.put("kafka.client.sasl.mechanism", "SCRAM-SHA-512");
        m.put("dedup.horizon", "3d");
        m.put("dedup.shards", "8");
        m.put("watermark.idleness", "45s");
        PulseConfig c = PulseConfig.fromMap(m, Map.of("PULSE_PSEUDONYM_KEY", "0123456789abcdef0123"));
        assertEquals(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512"), c.kafkaClient());
        assertEquals(Duration.ofDays(3), c.dedupHorizon());
        assertEquals(8, c.dedupShards());
        assertEquals(Duration.ofSeconds(45), c.idleness());
    }

    @Test
    void errorsNameTheKey() {
        assertMessageNames("PULSE_PSEUDONYM_KEY", minimal(), Map.of());
        Map<String, String> m = minimal();
        m.put("parallelism", "two");
        assertMessageNames("parallelism", m, Map.of("PULSE_PSEUDONYM_KEY", "0123456789abcdef0123"));
        m = minimal();
        m.put("checkpoint.interval", "often");
        assertMessageNames("checkpoint.interval", m, Map.of("PULSE_PSEUDONYM_KEY", "0123456789abcdef0123"));
        m = minimal();
        m.remove("warehouse.uri");
        assertMessageNames("warehouse.uri", m, Map.of("PULSE_PSEUDONYM_KEY", "0123456789abcdef0123"));
        m = minimal();
        assertMessageNames("privacy.pseudonym.key", m, Map.of("PULSE_PSEUDONYM_KEY", "short"));
        m = minimal();
        m.put("dedup.shards", "0");
        assertMessageNames("dedup.shards", m, Map.of("PULSE_PSEUDONYM_KEY", "0123456789abcdef0123"));
        m = minimal();
        m.put("state.backend", "rocks");
        assertMessageNames("state.backend", m, Map.of("PULSE_PSEUDONYM_KEY", "0123456789abcdef0123"));
    }

    @Test
    void theStateBackendIsLeftToFlinkUnlessSet() {
        Map<String, String> env = Map.of("PULSE_PSEUDONYM_KEY", "0123456789abcdef0123");
        assertEquals(null, PulseConfig.fromMap(minimal(), env).stateBackend());
        Map<String, String> m = minimal();
        m.put("state.backend", "rocksdb");
        assertEquals("rocksdb", PulseConfig.fromMap(m, env).stateBackend());
    }

    private static void assertMessageNames(String key, Map<String, String> m, Map<String, String> env) {
        ConfigException e = assertThrows(ConfigException.class, () -> PulseConfig.fromMap(m, env));
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }
}
