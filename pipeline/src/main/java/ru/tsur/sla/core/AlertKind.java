package ru.tsur.sla.core;

import java.util.Locale;

/** Alert kinds; {@link #slug()} is the value stored in {@code Alert.kind}. */
public enum AlertKind {
    CRITICAL_OVERDUE,
    REACTION_OVERDUE,
    ANSWER_OVERDUE,
    ESCALATED,
    REOPENED,
    SPIKE;

    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }
}
