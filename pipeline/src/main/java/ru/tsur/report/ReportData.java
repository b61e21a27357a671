package ru.tsur.report;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import ru.tsur.schema.WeeklyStat;

/**
 * Everything one nightly report shows, computed from the counter rows; rendered by {@link HtmlReport} and
 * {@link FederalExport}. Collections are sorted so that rendering is deterministic.
 */
public record ReportData(
        ReportWindow window,
        List<WeeklyStat> weekly,
        Totals current,
        Totals previous,
        Map<String, String> regionNames,
        SortedMap<String, SortedMap<String, Long>> dailyBySector,
        List<BodyOverdue> overdueByBody,
        List<Spike> spikes,
        List<TopTopic> topTopics) {

    /** Country-wide (all regions of the warehouse) numbers of one week. */
    public record Totals(String week, long posts, long actionablePosts, long incidents, long criticalIncidents,
                         long reactionDue, long reactedInTime, long answerDue, long answeredInTime, long overdueOpen) {
        public Double reactedShare() {
            return reactionDue == 0 ? null : (double) reactedInTime / reactionDue;
        }

        public Double answeredShare() {
            return answerDue == 0 ? null : (double) answeredInTime / answerDue;
        }
    }

    public record BodyOverdue(String body, long overdue, long critical) {
    }

    public record Spike(String dt, String regionCode, String region, String sector, String detail) {
    }

    public record TopTopic(String topic, long posts, long previousPosts, String example, String incidentId) {
    }
}
