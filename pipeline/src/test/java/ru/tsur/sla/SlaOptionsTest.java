package ru.tsur.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ru.tsur.config.ConfigException;
import ru.tsur.config.PulseConfig;

class SlaOptionsTest {
    private static PulseConfig config(Map<String, String> extra) {
        Map<String, String> m = new HashMap<>(Map.of("privacy.pseudonym.key", "0123456789abcdef-key",
                "warehouse.uri", "/tmp/wh"));
        m.putAll(extra);
        return PulseConfig.fromMap(m, Map.of());
    }

    @Test
    void readsTheSlaKeysOfTheConfiguration() {
        SlaOptions o = SlaOptions.from(config(Map.of("sla.wall.clock.fallback", "false", "sla.quiet.lag", "45s",
                "sla.spike.min.count", "25", "topics.events", "ev", "sla.live.lag", "6h")));
        assertFalse(o.wallClockFallback());
        assertEquals(Duration.ofSeconds(45), o.quietLag());
        assertEquals(Duration.ofHours(6), o.liveLag());
        assertEquals(Duration.ofHours(2), SlaOptions.from(config(Map.of())).liveLag());
        assertEquals(25, o.spikeMinCount());
        assertEquals("ev", o.eventsSource());
        assertTrue(SlaOptions.from(config(Map.of())).wallClockFallback());
    }

    @Test
    void errorsNameTheKey() {
        var e = assertThrows(ConfigException.class,
                () -> SlaOptions.from(config(Map.of("sla.wall.clock.fallback", "yes"))));
        assertTrue(e.getMessage().contains("sla.wall.clock.fallback"));
        e = assertThrows(ConfigException.class, () -> SlaOptions.from(config(Map.of("sla.quiet.after", "soon"))));
        assertTrue(e.getMessage().contains("sla.quiet.after"));
        e = assertThrows(ConfigException.class, () -> SlaOptions.from(config(Map.of("sla.live.lag", "2 hours"))));
        assertTrue(e.getMessage().contains("sla.live.lag"));
        e = assertThrows(ConfigException.class, () -> SlaOptions.from(config(Map.of("sla.spike.min.count", "0"))));
        assertTrue(e.getMessage().contains("sla.spike.min.count"));
    }
}
