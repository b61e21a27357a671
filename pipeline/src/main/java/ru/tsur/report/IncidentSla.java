package ru.tsur.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * How one incident stands against its deadlines at a moment {@code asOf}: reaction within 8 hours (1 hour when
 * critical, around the clock), an answer within 8 working days of the production calendar in the region's time zone.
 * Only actionable incidents have deadlines.
 */
public final class IncidentSla {
    public static final long REACTION_MILLIS = 8 * 3_600_000L;
    public static final long CRITICAL_REACTION_MILLIS = 3_600_000L;
    public static final int ANSWER_WORKING_DAYS = 8;
    /** Moscow time when the stream could not attribute a region. */
    public static final ZoneOffset DEFAULT_ZONE = ZoneOffset.ofHours(3);

    private final WorkCalendar calendar;

    public IncidentSla(WorkCalendar calendar) {
        this.calendar = calendar;
    }

    /**
     * The outcome at {@code asOf}. {@code answerDue}: the answer deadline has passed; {@code reactionDue}: the
     * reaction deadline has passed or the incident already reacted. {@code reactionMinutes} is -1 without reaction.
     */
    public record Outcome(boolean reactionDue, boolean reactedInTime, boolean answerDue, boolean answeredInTime,
                          long answerDeadline, boolean overdueOpen, long reactionMinutes) {
    }

    public static ZoneId zone(String timezone) {
        if (timezone == null || timezone.isBlank()) {
            return DEFAULT_ZONE;
        }
        String tz = timezone.startsWith("UTC") ? timezone.substring(3) : timezone;
        return ZoneId.of(tz.isEmpty() ? "Z" : tz);
    }

    /** The local date the incident was first seen: it decides the ISO week the incident counts in. */
    public static LocalDate firstSeenDate(IncidentFact f) {
        return Instant.ofEpochMilli(f.firstSeen()).atZone(zone(f.timezone())).toLocalDate();
    }

    /** The end of {@code day} (midnight after it) in the incident's time zone, as UTC millis. */
    public static long endOfDay(LocalDate day, String timezone) {
        return day.plusDays(1).atStartOfDay(zone(timezone)).toInstant().toEpochMilli();
    }

    public long answerDeadline(IncidentFact f) {
        ZonedDateTime start = Instant.ofEpochMilli(f.firstSeen()).atZone(zone(f.timezone()));
        return calendar.plusWorkingDays(start, ANSWER_WORKING_DAYS).toInstant().toEpochMilli();
    }

    public Outcome evaluate(IncidentFact f, long asOf) {
        long rtMinutes = f.firstReactionAt() == null || f.firstReactionAt() > asOf
                ? -1 : Math.max(0, (f.firstReactionAt() - f.firstSeen()) / 60_000);
        if (!f.actionable()) {
            return new Outcome(false, false, false, false, 0, false, rtMinutes);
        }
        long reactionDeadline = f.firstSeen() + (f.critical() ? CRITICAL_REACTION_MILLIS : REACTION_MILLIS);
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
