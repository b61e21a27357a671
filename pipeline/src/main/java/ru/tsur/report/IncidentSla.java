package ru.tsur.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import ru.tsur.sla.calendar.ProductionCalendar;
import ru.tsur.sla.policy.SlaPolicy;
import ru.tsur.sla.policy.SlaTerms;

/**
 * How one incident stands against its deadlines at a moment {@code asOf}, judged by the stream's own rules: the
 * terms come from the {@link SlaPolicy} for the incident's region and sector (critical reaction and first reaction
 * around the clock, the answer in working days), the answer deadline from the {@link ProductionCalendar} (end of the
 * n-th working day after the local date of receipt), the zone as the stream reads it. Deadlines count from the first
 * post ({@code first_seen}), as the stream's first cycle does. Only actionable incidents have deadlines.
 *
 * <p>The report judges millions of incidents with a few hundred distinct terms, zones and days of receipt: terms,
 * zones and answer deadlines are remembered by their inputs (policy look-ups parse durations, the calendar walks
 * days), so an instance is for one thread.
 */
public final class IncidentSla {
    private final SlaPolicy policy;
    private final ProductionCalendar calendar;
    private final Map<String, ZoneId> zones = new HashMap<>();
    private final Map<TermsKey, SlaTerms> terms = new HashMap<>();
    private final Map<AnswerKey, Long> answerDeadlines = new HashMap<>();

    private record TermsKey(String regionCode, String sector) {
    }

    private record AnswerKey(LocalDate received, int workingDays, ZoneId zone) {
    }

    public IncidentSla(SlaPolicy policy, ProductionCalendar calendar) {
        this.policy = policy;
        this.calendar = calendar;
    }

    /** The shipped policy and production calendar, the ones the streaming job loads. */
    public static IncidentSla standard() {
        return new IncidentSla(SlaPolicy.load(), ProductionCalendar.load());
    }

    /**
     * The outcome at {@code asOf}. {@code answerDue}: the answer deadline has passed; {@code reactionDue}: the
     * reaction deadline has passed or the incident already reacted. {@code reactionMinutes} is -1 without reaction.
     */
    public record Outcome(boolean reactionDue, boolean reactedInTime, boolean answerDue, boolean answeredInTime,
                          long answerDeadline, boolean overdueOpen, long reactionMinutes) {
    }

    public ZoneId zone(String timezone) {
        ZoneId z = zones.get(timezone);
        if (z == null) {
            z = policy.zone(timezone);
            zones.put(timezone, z);
        }
        return z;
    }

    /** The local date the incident was first seen: it decides the ISO week the incident counts in. */
    public LocalDate firstSeenDate(IncidentFact f) {
        return Instant.ofEpochMilli(f.firstSeen()).atZone(zone(f.timezone())).toLocalDate();
    }

    /** The end of {@code day} (midnight after it) in the incident's time zone, as UTC millis. */
    public long endOfDay(LocalDate day, String timezone) {
        return day.plusDays(1).atStartOfDay(zone(timezone)).toInstant().toEpochMilli();
    }

    public SlaTerms terms(IncidentFact f) {
        return terms.computeIfAbsent(new TermsKey(f.regionCode(), f.sector()),
                k -> policy.terms(k.regionCode(), k.sector()));
    }

    public long reactionDeadline(IncidentFact f) {
        SlaTerms t = terms(f);
        return f.firstSeen() + (f.critical() ? t.criticalReaction() : t.firstReaction()).toMillis();
    }

    public long answerDeadline(IncidentFact f) {
        // the deadline depends on the local day of receipt only (the end of the n-th working day after it)
        ZoneId zone = zone(f.timezone());
        Instant received = Instant.ofEpochMilli(f.firstSeen());
        AnswerKey key = new AnswerKey(received.atZone(zone).toLocalDate(), terms(f).answerWorkingDays(), zone);
        return answerDeadlines.computeIfAbsent(key,
                k -> calendar.workingDaysDeadline(received, k.workingDays(), zone).toEpochMilli());
    }

    public Outcome evaluate(IncidentFact f, long asOf) {
        long rtMinutes = f.firstReactionAt() == null || f.firstReactionAt() > asOf
                ? -1 : Math.max(0, (f.firstReactionAt() - f.firstSeen()) / 60_000);
        if (!f.actionable()) {
            return new Outcome(false, false, false, false, 0, false, rtMinutes);
        }
        long reactionDeadline = reactionDeadline(f);
        boolean reacted = f.firstReactionAt() != null && f.firstReactionAt() <= asOf;
        boolean reactionDue = reacted || reactionDeadline <= asOf;
        boolean reactedInTime = reacted && f.firstReactionAt() <= reactionDeadline;

        long answerDeadline = answerDeadline(f);
        boolean answered = f.answeredAt() != null && f.answeredAt() <= asOf;
        boolean answerDue = answerDeadline <= asOf;
        boolean answeredInTime = answered && f.answeredAt() <= answerDeadline;

        boolean overdue = !f.closed()
                && ((!reacted && reactionDeadline <= asOf) || (!answered && answerDeadline <= asOf));
        return new Outcome(reactionDue, reactedInTime, answerDue, answeredInTime, answerDeadline, overdue, rtMinutes);
    }
}
