package ru.tsur.sla.policy;

import java.time.Duration;

/** Deadlines that apply to one incident (region × sector). */
public record SlaTerms(Duration criticalReaction, Duration firstReaction, int answerWorkingDays) {
    public SlaTerms {
        if (criticalReaction.isNegative() || criticalReaction.isZero()
                || firstReaction.isNegative() || firstReaction.isZero() || answerWorkingDays < 1) {
            throw new IllegalArgumentException("SLA terms must be positive: " + criticalReaction + ", "
                    + firstReaction + ", " + answerWorkingDays);
        }
    }
}
