package ru.tsur.report;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import ru.tsur.schema.WeeklyStat;

/**
 * The nightly file for the federal centre: CSV (RFC 4180, UTF-8, '\n' line ends, no BOM), schema
 * {@value #SCHEMA} documented in docs/report-federal-export.md. Rows are sorted, numbers have a fixed format and the
 * file holds nothing that depends on when it was written, so the same datasets always give the same bytes.
 */
public final class FederalExport {
    public static final String SCHEMA = "pulse-weekly-v1";
    public static final List<String> COLUMNS = List.of(
            "schema", "week", "week_start", "as_of", "region_code", "region", "sector",
            "posts", "actionable_posts", "incidents", "critical_incidents",
            "reaction_due", "reacted_in_time", "reacted_in_time_share",
            "answer_due", "answered_in_time", "answered_in_time_share", "overdue_open",
            "reaction_median_min", "reaction_p90_min",
            "posts_prev_week", "posts_change_pct", "incidents_prev_week", "incidents_change_pct",
            "population", "incidents_per_100k", "top_topics");

    private FederalExport() {
    }

    public static String fileName(ReportWindow window) {
        return "pulse-weekly-" + window.date() + ".csv";
    }

    public static void write(List<WeeklyStat> stats, Writer out) throws IOException {
        List<WeeklyStat> sorted = new ArrayList<>(stats);
        sorted.sort(Comparator.comparing((WeeklyStat s) -> s.getWeek().toString())
                .thenComparing(s -> s.getRegionCode().toString())
                .thenComparing(s -> s.getSector().toString()));
        out.write(String.join(",", COLUMNS));
        out.write('\n');
        for (WeeklyStat s : sorted) {
            List<String> f = new ArrayList<>(COLUMNS.size());
            f.add(SCHEMA);
            f.add(str(s.getWeek()));
            f.add(str(s.getWeekStart()));
            f.add(str(s.getAsOf()));
            f.add(str(s.getRegionCode()));
            f.add(str(s.getRegion()));
            f.add(str(s.getSector()));
            f.add(Long.toString(s.getPosts()));
            f.add(Long.toString(s.getActionablePosts()));
            f.add(Long.toString(s.getIncidents()));
            f.add(Long.toString(s.getCriticalIncidents()));
            f.add(Long.toString(s.getReactionDue()));
            f.add(Long.toString(s.getReactedInTime()));
            f.add(num(s.getReactedInTimeShare(), 4));
            f.add(Long.toString(s.getAnswerDue()));
            f.add(Long.toString(s.getAnsweredInTime()));
            f.add(num(s.getAnsweredInTimeShare(), 4));
            f.add(Long.toString(s.getOverdueOpen()));
            f.add(num(s.getReactionMedianMin(), 0));
            f.add(num(s.getReactionP90Min(), 0));
            f.add(Long.toString(s.getPostsPrevWeek()));
            f.add(num(s.getPostsChangePct(), 1));
            f.add(Long.toString(s.getIncidentsPrevWeek()));
            f.add(num(s.getIncidentsChangePct(), 1));
            f.add(s.getPopulation() == null ? "" : Long.toString(s.getPopulation()));
            f.add(num(s.getIncidentsPer100k(), 3));
            f.add(String.join(";", s.getTopTopics().stream().map(CharSequence::toString).toList()));
            for (int i = 0; i < f.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(quote(f.get(i)));
            }
            out.write('\n');
        }
    }

    private static String str(CharSequence s) {
        return s == null ? "" : s.toString();
    }

    /** Fixed decimals, half-up, '.' as separator; empty for null. */
    static String num(Double d, int decimals) {
        if (d == null) {
            return "";
        }
        return BigDecimal.valueOf(d).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }

    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
