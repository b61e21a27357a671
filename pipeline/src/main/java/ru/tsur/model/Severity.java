package ru.tsur.model;

import java.util.Locale;

/** How urgent an incident is; drives the SLA deadlines. Ordered from least to most urgent. */
public enum Severity {
    NORMAL,
    HIGH,
    CRITICAL;

    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity fromSlug(String slug) {
        return valueOf(slug.toUpperCase(Locale.ROOT));
    }

    public Severity max(Severity other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
