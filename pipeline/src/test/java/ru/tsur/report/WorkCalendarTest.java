package ru.tsur.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class WorkCalendarTest {
    final WorkCalendar cal = WorkCalendar.russian();

    @Test
    void theDataFileLoadsAndCoversItsYears() {
        assertTrue(cal.covers(2025) && cal.covers(2026));
        assertFalse(cal.covers(2030));
    }

    @Test
    void holidaysTransfersAndWeekends() {
        assertFalse(cal.isWorkingDay(LocalDate.of(2026, 1, 9)), "Jan 9, 2026: day off moved from Jan 3");
        assertFalse(cal.isWorkingDay(LocalDate.of(2026, 2, 23)), "Defender of the Fatherland Day");
        assertFalse(cal.isWorkingDay(LocalDate.of(2026, 3, 9)), "Mar 8 falls on a Sunday: Monday off");
        assertTrue(cal.isWorkingDay(LocalDate.of(2025, 11, 1)), "a working Saturday");
        assertFalse(cal.isWorkingDay(LocalDate.of(2026, 3, 7)), "Saturday");
        assertTrue(cal.isWorkingDay(LocalDate.of(2026, 3, 10)));
    }

    @Test
    void eightWorkingDaysSkipHolidaysAndKeepTheTimeOfDay() {
        ZoneOffset ekb = ZoneOffset.ofHours(5);
        // Friday Feb 20 10:00: Mon 23 is a holiday, so the 8th working day is Thursday Mar 5
        assertEquals(ZonedDateTime.of(2026, 3, 5, 10, 0, 0, 0, ekb),
                cal.plusWorkingDays(ZonedDateTime.of(2026, 2, 20, 10, 0, 0, 0, ekb), 8));
        // a complaint on a Saturday counts from Monday
        assertEquals(LocalDate.of(2026, 3, 12),
                cal.plusWorkingDays(ZonedDateTime.of(2026, 2, 28, 22, 0, 0, 0, ekb), 8).toLocalDate());
    }
}
