package ru.tsur.sla.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SlaPolicyTest {
    @Test
    void shippedPolicyLoadsWithTheDefaults() {
        SlaPolicy p = SlaPolicy.load();
        assertTrue(p.version().startsWith("2026"));
        SlaTerms t = p.terms("77", "roads");
        assertEquals(Duration.ofHours(1), t.criticalReaction());
        assertEquals(Duration.ofHours(8), t.firstReaction());
        assertEquals(8, t.answerWorkingDays());
        assertEquals(Duration.ofDays(30), p.reopenWindow());
        assertEquals("+03:00", p.defaultZone().getId());
        assertEquals(3.0, p.spikeFactor());
    }

    @Test
    void overridesPerRegionAndSectorMostSpecificWins() {
        SlaPolicy p = SlaPolicy.load();
        assertEquals(Duration.ofHours(4), p.terms("77", "health").firstReaction());
        assertEquals(Duration.ofHours(4), p.terms("46", "health").firstReaction());
        assertEquals(5, p.terms("46", "housing").answerWorkingDays());
        assertEquals(8, p.terms("46", "roads").answerWorkingDays());
        assertEquals(Duration.ofHours(6), p.terms("46", "roads").firstReaction());
        assertEquals(Duration.ofHours(8), p.terms(null, null).firstReaction());
    }

    @Test
    void recordZonesAreUtcOffsetsElseTheDefault() {
        SlaPolicy p = SlaPolicy.load();
        assertEquals("+07:00", p.zone(" +07:00").getId());
        assertEquals("+03:00", p.zone(null).getId());
        assertEquals("+03:00", p.zone("Asia/Nowhere").getId(), "unreadable: the incident must not be lost");
    }

    @Test
    void errorsNameTheKey() {
        Properties props = new Properties();
        props.setProperty("policy.version", "x");
        props.setProperty("default.timezone", "+03:00");
        props.setProperty("reopen_window", "P30D");
        props.setProperty("spike.factor", "3");
        props.setProperty("spike.min_count", "10");
        props.setProperty("*.*.critical_reaction", "PT1H");
        props.setProperty("*.*.first_reaction", "eight hours");
        props.setProperty("*.*.answer_working_days", "8");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SlaPolicy.of(props));
        assertTrue(e.getMessage().contains("first_reaction"), e.getMessage());
        props.setProperty("*.*.first_reaction", "PT8H");
        props.setProperty("46.roads.first_reactoin", "PT8H");
        e = assertThrows(IllegalArgumentException.class, () -> SlaPolicy.of(props));
        assertTrue(e.getMessage().contains("46.roads.first_reactoin"), e.getMessage());
    }
}
