package ru.tsur.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import ru.tsur.report.ReportRow.Kind;

/** Turns posts, latest incident versions and spike alerts into the report's counter rows. */
public final class ReportFacts {
    public static final String UNKNOWN_REGION = "00";
    public static final String NO_BODY = "(не назначен)";

    private final ReportWindow window;
    private final IncidentSla sla;
    private final String currentWeek;
    private final LocalDate monday;
    /** The end of the report date in each incident time zone: the moment the report judges incidents at. */
    private final Map<String, Long> asOfByZone = new HashMap<>();

    /** One instance per thread: it remembers what it computed ({@link IncidentSla}). */
    public ReportFacts(ReportWindow window, IncidentSla sla) {
        this.window = window;
        this.sla = sla;
        this.currentWeek = window.week();
        this.monday = IsoWeeks.monday(window.date());
    }

    public ReportWindow window() {
        return window;
    }

    static String regionCode(String code) {
        return code == null || code.isBlank() ? UNKNOWN_REGION : code;
    }

    static String sector(String sector) {
        return sector == null || sector.isBlank() ? "other" : sector;
    }

    public void post(PostFact p, Consumer<ReportRow> out) {
        posts(p, 1, out);
    }

    /** {@code count} identical posts (callers count equal facts first: millions of posts have a few thousand shapes). */
    public void posts(PostFact p, long count, Consumer<ReportRow> out) {
        LocalDate day = LocalDate.parse(p.dt());
        if (!window.covers(day)) {
            return;
        }
        String week = IsoWeeks.label(day);
        String rc = regionCode(p.regionCode());
        String sector = sector(p.sector());
        out.accept(ReportRow.count(Kind.POSTS, ReportRow.key(week, rc, sector), count, p.actionable() ? count : 0));
        out.accept(ReportRow.count(Kind.DAY, ReportRow.key(p.dt(), sector), count, 0));
        if (p.region() != null) {
            out.accept(new ReportRow(Kind.REGION, rc, count, 0, p.region(), null));
        }
        if (p.topics() != null && !p.topics().isEmpty()) {
            for (String topic : p.topics().split(",")) {
                out.accept(ReportRow.count(Kind.TOPIC, ReportRow.key(week, rc, sector, topic), count, 0));
            }
        }
    }

    /**
     * Drops what the report cannot use from an incident version before versions are shuffled and sorted by
     * incident: the excerpt is only shown for incidents of the current week.
     */
    public IncidentFact trim(IncidentFact f) {
        if (f.excerpt() == null || (f.actionable() && !sla.firstSeenDate(f).isBefore(monday))) {
            return f;
        }
        return new IncidentFact(f.incidentId(), f.version(), f.updatedAt(), f.dt(), f.regionCode(), f.region(),
                f.timezone(), f.sector(), f.topics(), f.severity(), f.actionable(), f.status(), f.responsible(),
                f.postCount(), f.firstSeen(), f.firstReactionAt(), f.answeredAt(), null);
    }

    /**
     * One incident in its latest version as of the report date. It counts in the week it was first seen (incidents,
     * reactions), in the week its answer deadline fell (answers: "of the answers due this week, how many in time"),
     * and, while it is open past a deadline, in the current week's overdue stock, however old it is.
     */
    public void incident(IncidentFact f, Consumer<ReportRow> out) {
        Long asOf = asOfByZone.get(f.timezone());
        if (asOf == null) {
            asOf = sla.endOfDay(window.date(), f.timezone());
            asOfByZone.put(f.timezone(), asOf);
        }
        if (f.firstSeen() >= asOf) {
            return;
        }
        IncidentSla.Outcome o = sla.evaluate(f, asOf);
        String rc = regionCode(f.regionCode());
        String sector = sector(f.sector());
        if (f.region() != null) {
            out.accept(new ReportRow(Kind.REGION, rc, 1, 0, f.region(), null));
        }
        if (o.overdueOpen()) {
            String body = f.responsible() == null || f.responsible().isBlank() ? NO_BODY : f.responsible();
            out.accept(ReportRow.count(Kind.OVERDUE_BY_BODY, ReportRow.key(body), 1, f.critical() ? 1 : 0));
            out.accept(ReportRow.count(Kind.OVERDUE, ReportRow.key(currentWeek, rc, sector), 1, 0));
        }
        if (o.answerDue()) {
            // the deadline is 24:00 of the last working day: that day, not the next one, decides the week
            LocalDate due = Instant.ofEpochMilli(o.answerDeadline() - 1).atZone(sla.zone(f.timezone())).toLocalDate();
            if (window.covers(due)) {
                out.accept(ReportRow.count(Kind.ANSWER, ReportRow.key(IsoWeeks.label(due), rc, sector), 1,
                        o.answeredInTime() ? 1 : 0));
            }
        }
        LocalDate seen = sla.firstSeenDate(f);
        if (!window.covers(seen)) {
            return;
        }
        String week = IsoWeeks.label(seen);
        String cell = ReportRow.key(week, rc, sector);
        out.accept(ReportRow.count(Kind.INCIDENTS, cell, 1, f.critical() ? 1 : 0));
        if (o.reactionDue()) {
            out.accept(ReportRow.count(Kind.REACTION, cell, 1, o.reactedInTime() ? 1 : 0));
        }
        if (o.reactionMinutes() >= 0) {
            out.accept(ReportRow.count(Kind.REACTION_MINUTES,
                    ReportRow.key(week, rc, sector, Long.toString(o.reactionMinutes())), 1, 0));
        }
        if (f.actionable() && f.excerpt() != null && !f.excerpt().isBlank()) {
            // the raw excerpt: only the one example per topic that wins is masked, by the assembler
            for (String topic : f.topicList()) {
                out.accept(new ReportRow(Kind.EXAMPLE, ReportRow.key(week, topic), f.postCount(), 0,
                        f.excerpt(), f.incidentId()));
            }
        }
    }

    /** Spike alerts raised during the report's window; other alerts are already reflected in the incidents. */
    public void alert(AlertFact a, Consumer<ReportRow> out) {
        if (!a.spike() || !window.covers(LocalDate.parse(a.dt()))) {
            return;
        }
        out.accept(new ReportRow(Kind.SPIKE, ReportRow.key(a.dt(), regionCode(a.regionCode()), sector(a.sector()), a.alertId()),
                1, 0, a.detail() == null ? "" : a.detail(), a.region()));
    }
}
