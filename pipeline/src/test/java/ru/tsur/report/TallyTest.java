package ru.tsur.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.time.temporal.IsoFields;
import org.junit.jupiter.api.Test;

/**
 * The per-task tallies of the report job give the rows the plain definition gives: every post counted, every
 * incident counted once in its latest version.
 */
class TallyTest {
    static final ReportWindow WINDOW = new ReportWindow(LocalDate.of(2026, 3, 8), 92);

    static ReportFacts facts() {
        return new ReportFacts(WINDOW, IncidentSla.standard());
    }

    static long t(String local) {
        return LocalDateTime.parse(local).toInstant(ZoneOffset.ofHours(5)).toEpochMilli();
    }

    static IncidentFact version(String id, int version, String updated, String status, String reacted,
                                String answered, String excerpt) {
        return new IncidentFact(id, version, t(updated), updated.substring(0, 10), "66", "Свердловская", "+05:00",
                "roads", "pothole,snow", "normal", true, status, "Адм", 2, t("2026-03-03T09:00"),
                reacted == null ? null : t(reacted), answered == null ? null : t(answered), excerpt);
    }

    /** Rows as "KIND key = n/m text ref", sorted: comparable whatever the order they were produced in. */
    static Map<String, String> table(Collection<ReportRow> rows) {
        Map<String, String> m = new TreeMap<>();
        for (ReportRow r : rows) {
            m.put(r.kind() + " " + r.key(), r.n() + "/" + r.m() + " " + r.text() + " " + r.ref());
        }
        return m;
    }

    static Map<String, String> byDefinition(List<IncidentFact> latest) {
        ReportFacts facts = facts();
        RowTally tally = new RowTally();
        latest.forEach(f -> facts.incident(f, tally::add));
        return table(tally.rows());
    }

    @Test
    void onlyTheLatestVersionOfEachIncidentCounts() {
        IncidentFact a1 = version("a", 1, "2026-03-03T09:00", "open", null, null, "Яма");
        IncidentFact a2 = version("a", 2, "2026-03-03T10:30", "accepted", "2026-03-03T10:30", null, "Яма");
        IncidentFact a3 = version("a", 3, "2026-03-05T12:00", "answered", "2026-03-03T10:30", "2026-03-05T12:00", "Яма");
        IncidentFact b1 = version("b", 1, "2026-03-03T09:00", "open", null, null, "Снег");
        IncidentTally tally = new IncidentTally(facts());
        // versions of one incident arrive together, in any order
        for (IncidentFact f : List.of(a2, a3, a1, b1)) {
            tally.add(f);
        }
        Map<String, String> rows = table(tally.rows());
        assertEquals(byDefinition(List.of(a3, b1)), rows);
        assertEquals("2/0 null null", rows.get("INCIDENTS 2026-W10|66|roads"), "two incidents, not four versions");
    }

    @Test
    void theSameVersionNumberIsDecidedByTheLaterUpdate() {
        IncidentFact early = version("a", 2, "2026-03-03T10:00", "accepted", "2026-03-03T10:00", null, null);
        IncidentFact late = version("a", 2, "2026-03-04T10:00", "answered", "2026-03-03T10:00", "2026-03-04T10:00", null);
        IncidentTally tally = new IncidentTally(facts());
        tally.add(late);
        tally.add(early);
        assertEquals(byDefinition(List.of(late)), table(tally.rows()));
    }

    @Test
    void combiningRecentVersionsNeverChangesTheCount() {
        List<IncidentFact> versions = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = "i" + (i % 13);
            versions.add(version(id, 1 + i / 13, "2026-03-0" + (3 + i / 13) + "T1" + (i % 10) + ":00",
                    i / 13 == 0 ? "open" : "accepted", i / 13 == 0 ? null : "2026-03-03T12:00", null, "Текст " + id));
        }
        java.util.Collections.shuffle(versions, new java.util.Random(7));
        Map<String, String> expected = null;
        for (int capacity : new int[] {1, 2, 5, 100}) {
            RecentVersions recent = new RecentVersions(capacity);
            List<IncidentFact> passed = new java.util.ArrayList<>();
            versions.forEach(v -> recent.add(v, passed::add));
            recent.flush(passed::add);
            // what the shuffle does: versions grouped by incident
            passed.sort(java.util.Comparator.comparing(IncidentFact::incidentId));
            IncidentTally tally = new IncidentTally(facts());
            passed.forEach(tally::add);
            Map<String, String> rows = table(tally.rows());
            if (expected == null) {
                expected = rows;
                assertEquals("13/0 null null", rows.get("INCIDENTS 2026-W10|66|roads"));
            }
            assertEquals(expected, rows, "capacity " + capacity);
            assertEquals(true, passed.size() <= versions.size());
        }
    }

    @Test
    void postsCountedByShapeGiveThePostByPostRows() {
        List<PostFact> posts = List.of(
                new PostFact("2026-03-03", "66", "Свердловская", "roads", true, "pothole"),
                new PostFact("2026-03-03", "66", "Свердловская", "roads", true, "pothole"),
                new PostFact("2026-03-03", "66", "Свердловская", "roads", false, "pothole,snow"),
                new PostFact("2026-02-24", null, null, null, false, ""),
                new PostFact("2026-02-01", "66", "Свердловская", "roads", true, "pothole"));
        PostTally byShape = new PostTally(facts());
        ReportFacts facts = facts();
        RowTally oneByOne = new RowTally();
        for (PostFact p : posts) {
            byShape.add(p);
            facts.post(p, oneByOne::add);
        }
        Map<String, String> rows = table(byShape.rows());
        assertEquals(table(oneByOne.rows()), rows);
        assertEquals("3/2 null null", rows.get("POSTS 2026-W10|66|roads"));
        assertEquals("1/0 null null", rows.get("POSTS 2026-W09|00|other"), "Feb 1 is outside the window");
    }

    @Test
    void weekLabelsAreZeroPaddedIsoWeeks() {
        for (LocalDate d = LocalDate.of(2019, 12, 20); d.isBefore(LocalDate.of(2028, 1, 10)); d = d.plusDays(1)) {
            String expected = String.format(Locale.ROOT, "%d-W%02d",
                    d.get(IsoFields.WEEK_BASED_YEAR), d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            assertEquals(expected, IsoWeeks.label(d), d.toString());
        }
    }

    @Test
    void idHashesAreStableAndSpread() {
        assertEquals(IncidentFact.idHash("inc-0-1"), IncidentFact.idHash(new String("inc-0-1")));
        assertNotEquals(IncidentFact.idHash("inc-0-1"), IncidentFact.idHash("inc-0-2"));
        assertNotEquals(IncidentFact.idHash("inc-0-12"), IncidentFact.idHash("inc-0-21"));
    }
}
