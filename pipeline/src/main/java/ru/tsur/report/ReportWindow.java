package ru.tsur.report;

import java.time.LocalDate;

/**
 * What the nightly report for {@code date} looks at: the ISO week containing the date (so far) and the week before,
 * for the week-on-week change. Incidents are read {@code lookbackDays} back so old open ones still count as overdue.
 */
public record ReportWindow(LocalDate date, int lookbackDays) implements java.io.Serializable {
    public static final int DEFAULT_LOOKBACK_DAYS = 92;

    public String week() {
        return IsoWeeks.label(date);
    }

    public String previousWeek() {
        return IsoWeeks.label(date.minusWeeks(1));
    }

    /** First day whose posts the report reads: Monday of the previous week. */
    public LocalDate from() {
        return IsoWeeks.monday(date).minusWeeks(1);
    }

    public LocalDate incidentsFrom() {
        return date.minusDays(lookbackDays);
    }

    public boolean covers(LocalDate day) {
        return !day.isBefore(from()) && !day.isAfter(date);
    }
}
