package ru.tsur.sla.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import ru.tsur.sla.SlaFixtures;

class ProductionCalendarTest {
    private static final ProductionCalendar CAL = ProductionCalendar.load();
    private static final ZoneOffset MSK = ZoneOffset.of("+03:00");

    @Test
    void loadsEveryYearFileAndMatchesPublishedTotals() {
        assertTrue(CAL.covers(2025) && CAL.covers(2026) && CAL.covers(2027));
        assertFalse(CAL.covers(2028));
        assertEquals(247, CAL.workingDaysIn(2025));
        assertEquals(247, CAL.workingDaysIn(2026));
    }

    @Test
    void holidaysTransfersAndWorkingSaturdays() {
        assertFalse(CAL.isWorkingDay(LocalDate.parse("2026-01-09")), "day off transferred from 03.01");
        assertFalse(CAL.isWorkingDay(LocalDate.parse("2026-03-09")), "08.03 fell on Sunday");
        assertTrue(CAL.isWorkingDay(LocalDate.parse("2025-11-01")), "working Saturday");
        assertFalse(CAL.isWorkingDay(LocalDate.parse("2025-11-03")));
        assertTrue(CAL.isWorkingDay(LocalDate.parse("2026-03-10")));
        assertFalse(CAL.isWorkingDay(LocalDate.parse("2028-01-01")), "uncovered year: plain week");
    }

    @Test
    void eightWorkingDaysAcrossAWeekendAndAPublicHoliday() {
        // Fri 06.03.2026 → Sat, Sun, Mon 09.03 (holiday) skipped → 10,11,12,13,16,17,18,19 → ends 19.03 24:00
        Instant d = CAL.workingDaysDeadline(SlaFixtures.t("2026-03-06T10:00:00+03:00"), 8, MSK);
        assertEquals(SlaFixtures.t("2026-03-20T00:00:00+03:00"), d);
    }

    @Test
    void eightWorkingDaysAcrossATransferredWorkingSaturday() {
        // Thu 30.10.2025 → 31.10, Sat 01.11 (working), [02.11 Sun, 03.11 off, 04.11 holiday], 5,6,7,10,11,12
        Instant d = CAL.workingDaysDeadline(SlaFixtures.t("2025-10-30T15:00:00+03:00"), 8, MSK);
        assertEquals(SlaFixtures.t("2025-11-13T00:00:00+03:00"), d);
    }

    @Test
    void countedInTheRegionsLocalTimeEastOfMoscow() {
        Instant received = SlaFixtures.t("2026-03-05T23:30:00+03:00"); // Thu in Moscow, Fri 03:30 in Красноярск
        assertEquals(SlaFixtures.t("2026-03-19T00:00:00+03:00"), CAL.workingDaysDeadline(received, 8, MSK));
        ZoneOffset krasnoyarsk = ZoneOffset.of("+07:00");
        assertEquals(SlaFixtures.t("2026-03-20T00:00:00+07:00"),
                CAL.workingDaysDeadline(received, 8, krasnoyarsk));
    }

    @Test
    void defenderOfTheFatherlandDayAndAStartOnASaturday() {
        ZoneOffset ekb = ZoneOffset.of("+05:00");
        assertFalse(CAL.isWorkingDay(LocalDate.parse("2026-02-23")), "Defender of the Fatherland Day");
        assertFalse(CAL.isWorkingDay(LocalDate.parse("2026-03-07")), "a plain Saturday");
        // Fri 20.02.2026 → Sat, Sun, Mon 23.02 (holiday) skipped → 24, 25, 26, 27, 02.03, 3, 4, 5 → ends 05.03 24:00
        assertEquals(SlaFixtures.t("2026-03-06T00:00:00+05:00"),
                CAL.workingDaysDeadline(SlaFixtures.t("2026-02-20T10:00:00+05:00"), 8, ekb));
        // received on Sat 28.02 late in the evening: Mon 02.03 is the 1st working day; 2–6, (7, 8, 9 off), 10, 11, 12
        assertEquals(SlaFixtures.t("2026-03-13T00:00:00+05:00"),
                CAL.workingDaysDeadline(SlaFixtures.t("2026-02-28T22:00:00+05:00"), 8, ekb));
    }

    @Test
    void newYearHolidaysAreSkippedWhole() {
        // Wed 31.12.2025 (day off) → 01.01–11.01.2026 off → Mon 12.01 is the first working day
        assertEquals(LocalDate.parse("2026-01-12"), CAL.nthWorkingDayAfter(LocalDate.parse("2025-12-30"), 1));
    }
}
