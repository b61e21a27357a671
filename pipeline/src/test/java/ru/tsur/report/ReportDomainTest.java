package ru.tsur.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ru.tsur.schema.WeeklyStat;

/** The report's plain-Java pieces: SLA outcome, excerpts, percentiles, CSV formatting, population. */
class ReportDomainTest {
    static long t(String local) {
        return LocalDateTime.parse(local).toInstant(ZoneOffset.ofHours(5)).toEpochMilli();
    }

    static IncidentFact incident(String severity, boolean actionable, String status, String seen, String reacted,
                                 String answered) {
        return new IncidentFact("i", 1, t(seen), seen.substring(0, 10), "66", "Свердловская", "+05:00", "roads",
                "pothole", severity, actionable, status, "Адм", 1, t(seen), reacted == null ? null : t(reacted),
                answered == null ? null : t(answered), null);
    }

    final IncidentSla sla = new IncidentSla(WorkCalendar.russian());

    @Test
    void criticalIncidentsHaveOneHour() {
        IncidentSla.Outcome o = sla.evaluate(incident("critical", true, "accepted", "2026-03-03T09:00",
                "2026-03-03T10:01", null), t("2026-03-09T00:00"));
        assertTrue(o.reactionDue());
        assertFalse(o.reactedInTime());
        assertEquals(61, o.reactionMinutes());
        IncidentSla.Outcome normal = sla.evaluate(incident("high", true, "accepted", "2026-03-03T09:00",
                "2026-03-03T16:59", null), t("2026-03-09T00:00"));
        assertTrue(normal.reactedInTime(), "high severity has the 8-hour limit");
    }

    @Test
    void anOpenIncidentBecomesOverdueOnlyOnceItsDeadlinePassed() {
        IncidentFact f = incident("normal", true, "open", "2026-03-06T20:00", null, null);
        assertFalse(sla.evaluate(f, t("2026-03-07T03:59")).overdueOpen());
        assertFalse(sla.evaluate(f, t("2026-03-07T03:59")).reactionDue());
        assertTrue(sla.evaluate(f, t("2026-03-07T04:00")).overdueOpen());
    }

    @Test
    void closedOrNonActionableIncidentsAreNeverOverdue() {
        assertFalse(sla.evaluate(incident("normal", true, "rejected", "2026-01-12T10:00", null, null),
                t("2026-03-09T00:00")).overdueOpen());
        IncidentSla.Outcome o = sla.evaluate(incident("normal", false, "open", "2026-01-12T10:00", null, null),
                t("2026-03-09T00:00"));
        assertFalse(o.overdueOpen() || o.reactionDue() || o.answerDue());
    }

    @Test
    void aReactionAfterTheReportDateIsNotKnownYet() {
        IncidentSla.Outcome o = sla.evaluate(incident("normal", true, "accepted", "2026-03-08T10:00",
                "2026-03-09T09:00", null), t("2026-03-09T00:00"));
        assertEquals(-1, o.reactionMinutes());
        assertFalse(o.reactedInTime());
        assertTrue(o.overdueOpen());
    }

    @Test
    void excerptsLoseContactsAndNamesButKeepTheComplaint() {
        assertEquals("Яма у дома 12 на ул. Мира, звоните [телефон] или [email], [имя] в курсе",
                Excerpts.safe("Яма у дома 12 на ул. Мира, звоните 8 (912) 345-67-89 или petrov.ivan@yandex.ru, "
                        + "@ivan_petrov в курсе"));
        assertEquals("[имя], спасибо", Excerpts.safe("[id12345|Иван Петров], спасибо"));
        assertEquals("+7 звоните [телефон]", Excerpts.safe("+7 звоните +79123456789"));
        String longText = "ОЧЕНЬ ".repeat(60);
        String cut = Excerpts.safe(longText);
        assertEquals(Excerpts.MAX_CHARS, cut.codePointCount(0, cut.length()));
        assertTrue(cut.endsWith("…"));
    }

    @Test
    void nearestRankPercentilesOfAHistogram() {
        // values 10 (x3), 20 (x1), 500 (x1): median = 3rd of 5 = 10, p90 = 5th of 5 = 500
        assertArrayEquals(new long[] {10, 500},
                ReportAssembler.percentiles(List.of(new long[] {500, 1}, new long[] {10, 3}, new long[] {20, 1})));
        assertArrayEquals(new long[] {7, 7}, ReportAssembler.percentiles(List.<long[]>of(new long[] {7, 1})));
        assertNull(ReportAssembler.percentiles(List.of()));
        assertNull(ReportAssembler.change(5, 0));
        assertEquals(-50.0, ReportAssembler.change(2, 4));
        assertEquals(List.of("b", "a", "c"), ReportAssembler.top(Map.of("a", 2L, "b", 3L, "c", 2L, "d", 1L), 3));
    }

    @Test
    void federalCsvQuotesAndFormatsNumbersTheSameWayEverywhere() throws Exception {
        WeeklyStat s = WeeklyStat.newBuilder().setWeek("2026-W10").setWeekStart("2026-03-02").setAsOf("2026-03-08")
                .setRegionCode("86").setRegion("Ханты-Мансийский Автономный округ - Югра, \"ХМАО\"").setSector("roads")
                .setPosts(3).setActionablePosts(3).setIncidents(3).setCriticalIncidents(0).setReactionDue(3)
                .setReactedInTime(2).setReactedInTimeShare(2 / 3.0).setAnswerDue(0).setAnsweredInTime(0)
                .setOverdueOpen(0).setPostsPrevWeek(0).setIncidentsPrevWeek(8).setIncidentsChangePct(-62.5)
                .setTopTopics(List.of("pothole", "snow")).build();
        StringWriter w = new StringWriter();
        FederalExport.write(List.of(s), w);
        String line = w.toString().split("\n")[1];
        assertEquals("pulse-weekly-v1,2026-W10,2026-03-02,2026-03-08,86,\"Ханты-Мансийский Автономный округ - Югра, "
                + "\"\"ХМАО\"\"\",roads,3,3,3,0,3,2,0.6667,0,0,,0,,,0,,8,-62.5,,,pothole;snow", line);
        assertEquals(FederalExport.COLUMNS.size(), w.toString().split("\n")[0].split(",").length);
        assertEquals("0.1", FederalExport.num(0.05, 1));
        assertEquals("2", FederalExport.num(1.5, 0));
    }

    @Test
    void populationComesFromTheGazetteer() {
        var population = ReportAssembler.gazetteerPopulation();
        assertEquals(3_507_094L, population.apply("66"), "Sverdlovsk oblast: the sum over its cities");
        assertNull(population.apply("00"));
        assertNull(population.apply(null));
    }
}
