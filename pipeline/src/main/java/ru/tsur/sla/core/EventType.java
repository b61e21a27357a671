package ru.tsur.sla.core;

import java.util.Locale;

/** Types of operator events on topic incident-events. */
public enum EventType {
    ACCEPTED,
    ANSWERED,
    RESOLVED,
    REOPENED,
    REJECTED;

    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Null for anything not in the contract. */
    public static EventType fromSlug(String s) {
        for (EventType t : values()) {
            if (t.slug().equals(s)) {
                return t;
            }
        }
        return null;
    }
}
