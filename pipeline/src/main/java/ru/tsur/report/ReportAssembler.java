package ru.tsur.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import ru.tsur.geo.Gazetteer;
import ru.tsur.report.ReportRow.Kind;
import ru.tsur.schema.WeeklyStat;

/** Collects the reduced counter rows of one night and computes the weekly statistics and the report's sections. */
public final class ReportAssembler {
    public static final int TOP_TOPICS_PER_CELL = 3;
    public static final int TOP_TOPICS = 10;

    private final ReportWindow window;
    private final Function<String, Long> population;
    private final RowTally rows = new RowTally();

    /** {@code population}: the gazetteer's population of a region code, null when unknown. */
    public ReportAssembler(ReportWindow window, Function<String, Long> population) {
        this.window = window;
        this.population = population;
    }

    /** Population per region from the gazetteer: the sum over its cities (urban population, not the official total). */
    public static Function<String, Long> gazetteerPopulation() {
        Gazetteer g = Gazetteer.shared();
        return code -> {
            Gazetteer.Region r = code == null ? null : g.region(code);
            return r == null ? null : r.population();
        };
    }

    /** Adds a row; rows of the same kind and key merge, so partial tallies may arrive in any order. */
    public void add(ReportRow row) {
        rows.add(row);
    }

    private long n(Kind kind, String key) {
        ReportRow r = rows.get(kind, key);
        return r == null ? 0 : r.n();
    }

    private long m(Kind kind, String key) {
        ReportRow r = rows.get(kind, key);
        return r == null ? 0 : r.m();
    }

    private List<ReportRow> ofKind(Kind kind) {
        List<ReportRow> out = new ArrayList<>();
        for (ReportRow r : rows.rows()) {
            if (r.kind() == kind) {
                out.add(r);
            }
        }
        out.sort(Comparator.comparing(ReportRow::key));
        return out;
    }

    public ReportData build() {
        String week = window.week();
        String prev = window.previousWeek();
        Map<String, String> regionNames = new TreeMap<>();
        for (ReportRow r : ofKind(Kind.REGION)) {
            regionNames.put(r.key(), r.text());
        }
        // cells (region|sector) active in either week
        SortedSet<String> cells = new TreeSet<>();
        for (Kind k : List.of(Kind.POSTS, Kind.INCIDENTS, Kind.ANSWER, Kind.OVERDUE)) {
            for (ReportRow r : ofKind(k)) {
                String[] p = r.keyParts();
                if (p[0].equals(week) || p[0].equals(prev)) {
                    cells.add(ReportRow.key(p[1], p[2]));
                }
            }
        }
        Map<String, List<long[]>> histograms = new HashMap<>();
        Map<String, Map<String, Long>> topicsByCell = new HashMap<>();
        Map<String, Long> topicTotals = new HashMap<>();
        Map<String, Long> topicPrevTotals = new HashMap<>();
        for (ReportRow r : ofKind(Kind.REACTION_MINUTES)) {
            String[] p = r.keyParts();
            histograms.computeIfAbsent(ReportRow.key(p[0], p[1], p[2]), k -> new ArrayList<>())
                    .add(new long[] {Long.parseLong(p[3]), r.n()});
        }
        for (ReportRow r : ofKind(Kind.TOPIC)) {
            String[] p = r.keyParts();
            if (p[0].equals(week)) {
                topicsByCell.computeIfAbsent(ReportRow.key(p[1], p[2]), k -> new HashMap<>()).merge(p[3], r.n(), Long::sum);
                topicTotals.merge(p[3], r.n(), Long::sum);
            } else if (p[0].equals(prev)) {
                topicPrevTotals.merge(p[3], r.n(), Long::sum);
            }
        }

        List<WeeklyStat> weekly = new ArrayList<>();
        for (String cell : cells) {
            String[] rs = cell.split("\\|", -1);
            String rc = rs[0];
            String sector = rs[1];
            String cur = ReportRow.key(week, rc, sector);
            String before = ReportRow.key(prev, rc, sector);
            long posts = n(Kind.POSTS, cur);
            long incidents = n(Kind.INCIDENTS, cur);
            long postsPrev = n(Kind.POSTS, before);
            long incidentsPrev = n(Kind.INCIDENTS, before);
            Long pop = population.apply(rc);
            long[] pct = percentiles(histograms.getOrDefault(cur, List.of()));
            weekly.add(WeeklyStat.newBuilder()
                    .setWeek(week)
                    .setWeekStart(IsoWeeks.monday(window.date()).toString())
                    .setAsOf(window.date().toString())
                    .setRegionCode(rc)
                    .setRegion(regionNames.get(rc))
                    .setSector(sector)
                    .setPosts(posts)
                    .setActionablePosts(m(Kind.POSTS, cur))
                    .setIncidents(incidents)
                    .setCriticalIncidents(m(Kind.INCIDENTS, cur))
                    .setReactionDue(n(Kind.REACTION, cur))
                    .setReactedInTime(m(Kind.REACTION, cur))
                    .setReactedInTimeShare(share(m(Kind.REACTION, cur), n(Kind.REACTION, cur)))
                    .setAnswerDue(n(Kind.ANSWER, cur))
                    .setAnsweredInTime(m(Kind.ANSWER, cur))
                    .setAnsweredInTimeShare(share(m(Kind.ANSWER, cur), n(Kind.ANSWER, cur)))
                    .setOverdueOpen(n(Kind.OVERDUE, cur))
                    .setReactionMedianMin(pct == null ? null : (double) pct[0])
                    .setReactionP90Min(pct == null ? null : (double) pct[1])
                    .setPostsPrevWeek(postsPrev)
                    .setPostsChangePct(change(posts, postsPrev))
                    .setIncidentsPrevWeek(incidentsPrev)
                    .setIncidentsChangePct(change(incidents, incidentsPrev))
                    .setPopulation(pop)
                    .setIncidentsPer100k(pop == null || pop == 0 ? null : incidents * 100_000.0 / pop)
                    .setTopTopics(top(topicsByCell.getOrDefault(cell, Map.of()), TOP_TOPICS_PER_CELL))
                    .build());
        }

        SortedMap<String, SortedMap<String, Long>> daily = new TreeMap<>();
        for (ReportRow r : ofKind(Kind.DAY)) {
            String[] p = r.keyParts();
            daily.computeIfAbsent(p[0], k -> new TreeMap<>()).put(p[1], r.n());
        }
        List<ReportData.BodyOverdue> bodies = new ArrayList<>();
        for (ReportRow r : ofKind(Kind.OVERDUE_BY_BODY)) {
            bodies.add(new ReportData.BodyOverdue(r.key(), r.n(), r.m()));
        }
        bodies.sort(Comparator.comparingLong(ReportData.BodyOverdue::overdue).reversed()
                .thenComparing(ReportData.BodyOverdue::body));
        List<ReportData.Spike> spikes = new ArrayList<>();
        String monday = IsoWeeks.monday(window.date()).toString();
        for (ReportRow r : ofKind(Kind.SPIKE)) {
            String[] p = r.keyParts();
            if (p[0].compareTo(monday) < 0) {
                continue; // the previous week's spikes were in last week's report
            }
            spikes.add(new ReportData.Spike(p[0], p[1], r.ref() != null ? r.ref() : regionNames.get(p[1]), p[2], r.text()));
        }
        List<ReportData.TopTopic> topics = new ArrayList<>();
        for (String topic : top(topicTotals, TOP_TOPICS)) {
            ReportRow ex = rows.get(Kind.EXAMPLE, ReportRow.key(week, topic));
            topics.add(new ReportData.TopTopic(topic, topicTotals.get(topic), topicPrevTotals.getOrDefault(topic, 0L),
                    ex == null ? null : Excerpts.safe(ex.text()), ex == null ? null : ex.ref()));
        }
        return new ReportData(window, weekly, totals(week, cells), totals(prev, cells),
                regionNames, daily, bodies, spikes, topics);
    }

    private ReportData.Totals totals(String week, SortedSet<String> cells) {
        long[] t = new long[9];
        for (String cell : cells) {
            String k = week + ReportRow.SEP + cell;
            t[0] += n(Kind.POSTS, k);
            t[1] += m(Kind.POSTS, k);
            t[2] += n(Kind.INCIDENTS, k);
            t[3] += m(Kind.INCIDENTS, k);
            t[4] += n(Kind.REACTION, k);
            t[5] += m(Kind.REACTION, k);
            t[6] += n(Kind.ANSWER, k);
            t[7] += m(Kind.ANSWER, k);
            t[8] += n(Kind.OVERDUE, k);
        }
        return new ReportData.Totals(week, t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8]);
    }

    static Double share(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    static Double change(long now, long before) {
        return before == 0 ? null : (now - before) * 100.0 / before;
    }

    /** Nearest-rank median and 90th percentile of a histogram of (value, count); null when empty. */
    static long[] percentiles(List<long[]> histogram) {
        List<long[]> sorted = new ArrayList<>(histogram);
        sorted.sort(Comparator.comparingLong(e -> e[0]));
        long total = 0;
        for (long[] e : sorted) {
            total += e[1];
        }
        if (total == 0) {
            return null;
        }
        long medianRank = (total + 1) / 2;
        long p90Rank = (long) Math.ceil(0.9 * total);
        long[] out = new long[2];
        long seen = 0;
        boolean medianSet = false;
        for (long[] e : sorted) {
            seen += e[1];
            if (!medianSet && seen >= medianRank) {
                out[0] = e[0];
                medianSet = true;
            }
            if (seen >= p90Rank) {
                out[1] = e[0];
                break;
            }
        }
        return out;
    }

    /** The {@code limit} most frequent keys, ties broken alphabetically. */
    static List<String> top(Map<String, Long> counts, int limit) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .map(Map.Entry::getKey)
                .toList();
    }
}
