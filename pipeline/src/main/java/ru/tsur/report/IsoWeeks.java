package ru.tsur.report;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.Locale;

/** ISO-8601 weeks as the report labels them ("2026-W10"); weeks start on Monday. */
public final class IsoWeeks {
    private IsoWeeks() {
    }

    public static String label(LocalDate day) {
        return String.format(Locale.ROOT, "%d-W%02d",
                day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    public static LocalDate monday(LocalDate day) {
        return day.with(DayOfWeek.MONDAY);
    }
}
