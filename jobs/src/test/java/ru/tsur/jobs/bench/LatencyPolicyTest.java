package ru.tsur.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import ru.tsur.sla.policy.SlaPolicy;
import ru.tsur.sla.policy.SlaTerms;

/** The alert-latency benchmark's policy loads and differs from production only in its short reaction deadlines. */
class LatencyPolicyTest {

    @Test
    void benchmarkPolicyHasDeadlinesOfSecondsAndTheProductionRest() {
        SlaPolicy bench = SlaPolicy.load(AlertLatencyBenchmark.POLICY);
        SlaPolicy prod = SlaPolicy.load();
        SlaTerms t = bench.terms("77", "health");
        assertEquals(Duration.ofSeconds(30), t.firstReaction(), "no sector override: every incident 30 s");
        assertEquals(Duration.ofSeconds(20), t.criticalReaction());
        assertEquals(prod.terms("46", "housing").answerWorkingDays(), bench.terms("46", "housing").answerWorkingDays());
        assertEquals(prod.reopenWindow(), bench.reopenWindow());
        assertEquals(prod.spikeMinCount(), bench.spikeMinCount());
    }
}
