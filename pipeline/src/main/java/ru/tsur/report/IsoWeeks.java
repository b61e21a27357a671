package ru.tsur.report;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;

/** ISO-8601 weeks as the report labels them ("2026-W10"); weeks start on Monday. */
public final class IsoWeeks {
    private IsoWeeks() {
    }

    /** "%d-W%02d" of the week-based year and week, without String.format (called for every incident). */
    public static String label(LocalDate day) {
        int week = day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        return day.get(IsoFields.WEEK_BASED_YEAR) + (week < 10 ? "-W0" : "-W") + week;
    }

    public static LocalDate monday(LocalDate day) {
        return day.with(DayOfWeek.MONDAY);
    }
}
